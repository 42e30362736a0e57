import type { ChannelDeps } from '../channel';
import { loadWecomConfig } from './config';
import { WecomChannel } from './wecom-channel';

export { WecomChannel } from './wecom-channel';

/** The WeCom channel when its keys are set; otherwise undefined, after one log line saying so. */
export function createWecomChannel(deps: ChannelDeps): WecomChannel | undefined {
  const config = loadWecomConfig(deps.config.env);
  if (!config) {
    deps.logger.info('wecom channel off (WECOM_CORP_ID, WECOM_AGENT_ID, WECOM_SECRET, WECOM_TOKEN and WECOM_ENCODING_AES_KEY not set)');
    return undefined;
  }
  deps.logger.info({ replyBudgetMs: config.replyBudgetMs }, 'wecom channel on (GET/POST /wecom/callback)');
  return new WecomChannel(config, deps.receive, deps.clock, deps.logger, deps.openAttachment, deps.cards);
}
