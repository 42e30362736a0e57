import type { PlatformChannelDeps } from '../channel';
import { DingTalkChannel } from './channel';
import { loadDingTalkConfig } from './config';

export { DingTalkChannel } from './channel';

/** The DingTalk channel when its keys are set; otherwise undefined, after one log line saying so. */
export function createDingTalkChannel(deps: PlatformChannelDeps): DingTalkChannel | undefined {
  const config = loadDingTalkConfig(deps.env);
  if (!config) {
    deps.logger.info('dingtalk channel off (DINGTALK_APP_KEY, DINGTALK_APP_SECRET and DINGTALK_ROBOT_CODE not set)');
    return undefined;
  }
  if (config.mode === 'http') deps.logger.info('dingtalk channel on (HTTP mode, POST /dingtalk/callback)');
  return new DingTalkChannel({ ...deps, config, publicBaseUrl: deps.env.PUBLIC_BASE_URL });
}
