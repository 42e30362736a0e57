import type { ChannelDeps } from '../channel';
import { WecomAibotChannel } from './aibot-channel';
import { loadWecomAibotConfig, loadWecomConfig } from './config';
import { WecomChannel } from './wecom-channel';

export { WecomChannel } from './wecom-channel';
export { WecomAibotChannel } from './aibot-channel';

/**
 * The WeCom channel: the AI bot over its long connection when WECOM_MODE=aibot, else the self-built app's
 * callback when its keys are set; otherwise undefined, after one log line saying so.
 */
export function createWecomChannel(deps: ChannelDeps): WecomChannel | WecomAibotChannel | undefined {
  const aibot = loadWecomAibotConfig(deps.config.env);
  if (aibot) {
    deps.logger.info({ url: aibot.url }, 'wecom channel on (AI bot long connection)');
    return new WecomAibotChannel({ config: aibot, receive: deps.receive, clock: deps.clock, logger: deps.logger, leases: deps.leases });
  }
  const config = loadWecomConfig(deps.config.env);
  if (!config) {
    deps.logger.info('wecom channel off (WECOM_CORP_ID, WECOM_AGENT_ID, WECOM_SECRET, WECOM_TOKEN and WECOM_ENCODING_AES_KEY not set)');
    return undefined;
  }
  deps.logger.info({ replyBudgetMs: config.replyBudgetMs }, 'wecom channel on (GET/POST /wecom/callback)');
  return new WecomChannel(config, deps.receive, deps.clock, deps.logger, deps.openAttachment, deps.cards);
}
