import type { ChannelName } from '../kernel/messages';
import type { Channel, ChannelDeps, ChannelFactory } from './channel';
import { createConsoleChannel } from './console';
import { createDingTalkChannel } from './dingtalk';
import { createWecomChannel } from './wecom';

/** One factory per channel, by name: a new channel is its own folder plus its line here. */
const FACTORIES: Record<ChannelName, ChannelFactory> = {
  console: createConsoleChannel,
  dingtalk: createDingTalkChannel,
  wecom: createWecomChannel,
};

/** Every channel the bot knows, configured or not (what a roster may name). */
export const CHANNEL_NAMES: ReadonlySet<ChannelName> = new Set(Object.keys(FACTORIES));

/** The channels this deployment has: each is off, with one log line, when its configuration is absent. */
export function createChannels(deps: ChannelDeps): Map<ChannelName, Channel> {
  const channels = new Map<ChannelName, Channel>();
  for (const create of Object.values(FACTORIES)) {
    const channel = create(deps);
    if (channel) channels.set(channel.name, channel);
  }
  return channels;
}
