import type { Clock } from '../../clock';
import type { Env } from '../../config/env';
import type { Inbox } from '../../conversation/inbox';
import type { Logger } from '../../logger';
import type { OpenAttachment } from '../attachments';
import { loadWecomConfig } from './config';
import { WecomChannel } from './wecom-channel';

export { WecomChannel } from './wecom-channel';

/** The WeCom channel when its keys are set; otherwise undefined, after one log line saying so. */
export function createWecomChannel(deps: {
  env: Env;
  inbox: Inbox;
  clock: Clock;
  logger: Logger;
  openAttachment: OpenAttachment;
  onEnqueued?: () => void;
}): WecomChannel | undefined {
  const config = loadWecomConfig(deps.env);
  if (!config) {
    deps.logger.info('wecom channel off (WECOM_CORP_ID, WECOM_AGENT_ID, WECOM_SECRET, WECOM_TOKEN and WECOM_ENCODING_AES_KEY not set)');
    return undefined;
  }
  deps.logger.info({ replyBudgetMs: config.replyBudgetMs }, 'wecom channel on (GET/POST /wecom/callback)');
  return new WecomChannel(config, deps.inbox, deps.clock, deps.logger, { openAttachment: deps.openAttachment, onEnqueued: deps.onEnqueued });
}
