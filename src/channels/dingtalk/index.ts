import type { ChannelDeps } from '../channel';
import { DingTalkChannel } from './channel';
import { loadDingTalkConfig } from './config';
import { connectionTimings } from '../long-connection';

export { DingTalkChannel } from './channel';

/** The DingTalk channel when its keys are set; otherwise undefined, after one log line saying so. */
export function createDingTalkChannel(deps: ChannelDeps): DingTalkChannel | undefined {
  const config = loadDingTalkConfig(deps.config.env);
  if (!config) {
    deps.logger.info('dingtalk channel off (DINGTALK_APP_KEY, DINGTALK_APP_SECRET and DINGTALK_ROBOT_CODE not set)');
    return undefined;
  }
  if (config.mode === 'http') deps.logger.info('dingtalk channel on (HTTP mode, POST /dingtalk/callback)');
  const { receive, clock, logger, openAttachment } = deps;
  const timings = connectionTimings(deps.config.env);
  return new DingTalkChannel({ config, receive, clock, logger, openAttachment, timings, cards: deps.cards, publicBaseUrl: deps.config.env.PUBLIC_BASE_URL });
}
