import type { Clock } from '../kernel/clock';
import type { AppConfig } from '../config';
import { consoleEnabled } from '../config/env';
import type { Inbox } from '../conversation/inbox';
import type { ChannelName } from '../kernel/messages';
import type { Logger } from '../kernel/logger';
import type { RosterService } from '../domain/roster/roster-service';
import type { OpenAttachment } from './attachments';
import type { Channel } from './channel';
import { ConsoleChannel } from './console/console-channel';
import { createDingTalkChannel } from './dingtalk';
import { createWecomChannel } from './wecom';

export interface ChannelDeps {
  config: AppConfig;
  inbox: Inbox;
  clock: Clock;
  logger: Logger;
  roster: RosterService;
  /** Opens a reply's chart or export, for channels that upload it as media. */
  openAttachment: OpenAttachment;
  /** Called after a channel wrote outbox rows itself, so they go out at once. */
  onEnqueued: () => void;
}

/** The channels this deployment has: each is off, with one log line, when its configuration is absent. */
export function createChannels(deps: ChannelDeps): Map<ChannelName, Channel> {
  const channels = new Map<ChannelName, Channel>();
  if (consoleEnabled(deps.config.env)) channels.set('console', new ConsoleChannel(deps.inbox, deps.clock, deps.roster, deps.config));
  else deps.logger.info('console channel off (NODE_ENV=production without CONSOLE_ENABLED=true)');
  const platformDeps = {
    env: deps.config.env,
    inbox: deps.inbox,
    clock: deps.clock,
    logger: deps.logger,
    openAttachment: deps.openAttachment,
    onEnqueued: deps.onEnqueued,
  };
  const dingtalk = createDingTalkChannel(platformDeps);
  if (dingtalk) channels.set('dingtalk', dingtalk);
  const wecom = createWecomChannel(platformDeps);
  if (wecom) channels.set('wecom', wecom);
  return channels;
}
