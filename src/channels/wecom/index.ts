import type { ChannelDeps } from '../channel';
import { WecomAibotChannel } from './aibot-channel';
import { WecomApiClient } from './api-client';
import { loadAibotScheduleApi, loadWecomAibotConfig, loadWecomConfig } from './config';
import { WecomSchedules } from './schedules';
import { WecomChannel } from './wecom-channel';

export { WecomChannel } from './wecom-channel';
export { WecomAibotChannel } from './aibot-channel';

/**
 * The WeCom channel: the AI bot over its long connection when WECOM_MODE=aibot (with a self-built app's schedule API
 * beside it when that app's credentials are set), else the self-built app's
 * callback when its keys are set; otherwise undefined, after one log line saying so.
 */
export function createWecomChannel(deps: ChannelDeps): WecomChannel | WecomAibotChannel | undefined {
  const aibot = loadWecomAibotConfig(deps.config.env);
  if (aibot) {
    deps.logger.info({ url: aibot.url }, 'wecom channel on (AI bot long connection)');
    const scheduleApi = loadAibotScheduleApi(deps.config.env);
    if (scheduleApi) deps.logger.info({ agentId: scheduleApi.agentId }, "wecom schedules (日程) on through the self-built app's API");
    else
      deps.logger.info(
        'wecom schedules (日程) off: the AI bot has no schedule API; set WECOM_CORP_ID, WECOM_AGENT_ID and WECOM_SECRET of a self-built app to put meetings in WeCom calendars',
      );
    const schedules = scheduleApi && new WecomSchedules(new WecomApiClient(scheduleApi, deps.clock), deps.cards);
    return new WecomAibotChannel({ config: aibot, receive: deps.receive, clock: deps.clock, logger: deps.logger, leases: deps.leases, schedules });
  }
  const config = loadWecomConfig(deps.config.env);
  if (!config) {
    deps.logger.info('wecom channel off (WECOM_CORP_ID, WECOM_AGENT_ID, WECOM_SECRET, WECOM_TOKEN and WECOM_ENCODING_AES_KEY not set)');
    return undefined;
  }
  deps.logger.info({ replyBudgetMs: config.replyBudgetMs }, 'wecom channel on (GET/POST /wecom/callback)');
  return new WecomChannel(config, deps.receive, deps.clock, deps.logger, deps.openAttachment, deps.cards);
}
