import type { AppConfig } from '../../src/config';
import type { Bot } from '../../src/conversation/bot';
import { Dispatcher } from '../../src/conversation/dispatcher';
import { Inbox } from '../../src/conversation/inbox';
import { Sessions } from '../../src/conversation/sessions';
import type { RosterService } from '../../src/domain/roster/roster-service';
import type { Services } from '../../src/domain/services';
import { FixedClock } from '../../src/kernel/clock';
import type { AnswerPolicy } from '../../src/kernel/inbound';
import { createLogger } from '../../src/kernel/logger';
import type { ChannelName } from '../../src/kernel/messages';
import type { Person } from '../../src/kernel/people';
import { OutboxSender } from '../../src/scheduler/outbox-sender';
import { FakeChannel } from './fake-channel';
import { createMemoryStores, type MemoryStores } from './memory';

export interface MemoryBotOptions {
  bots: Bot[];
  /** Who is on the roster; everyone else is answered 未登记. */
  people: Person[];
  answers: AnswerPolicy;
  channel?: ChannelName;
  /** Domain services the bots call, built over this bot's clock and memory stores (the dispatcher's own are always there). */
  services?: (parts: { clock: FixedClock; stores: MemoryStores }) => Partial<Services>;
}

/**
 * Channel → inbox → dispatcher → the given bots, and the outbox sender back to the channel, all in
 * memory: the inbox's planning, dedupe and exactly-once decisions run without a database.
 */
export function startMemoryBot(options: MemoryBotOptions) {
  const clock = new FixedClock(new Date('2026-11-26T02:00:00Z'));
  const logger = createLogger('silent');
  const stores = createMemoryStores();
  const services = { ...dispatcherServices(options.people, clock), ...options.services?.({ clock, stores }) };
  const dispatcher = new Dispatcher(options.bots, services, new Sessions(stores.sessions));
  let nudges = 0;
  const inbox = new Inbox({ dispatcher, stores, clock, logger, onEnqueued: () => void nudges++ });
  const channel = new FakeChannel(inbox.receive, options.answers, clock, options.channel);
  const sender = new OutboxSender(new Map([[channel.name, channel]]), stores.outbox, clock, logger);
  return {
    clock,
    stores,
    inbox,
    channel,
    sender,
    /** How often the inbox woke the outbox sender. */
    nudges: () => nudges,
    /** The outbox keys written so far, in write order. */
    outboxKeys: () => [...stores.outbox.rows.keys()],
  };
}

/** The part of the domain services the dispatcher itself reads (the tiny bots of unit tests read no more). */
function dispatcherServices(people: Person[], clock: FixedClock): Services {
  const roster: Pick<RosterService, 'find'> = {
    find: async (channel, userId) => people.find((p) => p.channel === channel && p.userId === userId) ?? null,
  };
  const config: Pick<AppConfig, 'roles'> = { roles: [] };
  return { roster, config, clock, logger: createLogger('silent') } as unknown as Services;
}
