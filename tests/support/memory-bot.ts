import type { Bot } from '../../src/conversation/bot';
import { Dispatcher } from '../../src/conversation/dispatcher';
import { Inbox } from '../../src/conversation/inbox';
import { Sessions } from '../../src/conversation/sessions';
import type { AnswerPolicy } from '../../src/kernel/inbound';
import { createLogger } from '../../src/kernel/logger';
import type { DownloadMedia } from '../../src/kernel/media';
import type { ChannelName } from '../../src/kernel/messages';
import type { Person } from '../../src/kernel/people';
import { OutboxSender } from '../../src/scheduler/outbox-sender';
import { FakeChannel, type FakeSend } from './fake-channel';
import { memoryServices } from './memory-services';

export interface MemoryBotOptions {
  bots: Bot[];
  /** Who is on the roster; everyone else is answered 未登记. */
  people: Person[];
  answers: AnswerPolicy;
  channel?: ChannelName;
  /** The clock's start; 2026-11-26 10:00 in Shanghai unless given. */
  now?: Date;
  /** Fetches inbound media (the platform's media API); none unless given. */
  downloadMedia?: DownloadMedia;
}

/**
 * Channel → inbox → dispatcher → the given bots → the domain services, and the outbox sender back to
 * the channel, all on the memory stores: the inbox's planning, dedupe and exactly-once decisions and
 * the services run without a database.
 */
export function startMemoryBot(options: MemoryBotOptions) {
  const logger = createLogger('silent');
  let nudges = 0;
  const nudge = () => void nudges++;
  const services = memoryServices({ now: options.now, people: options.people, onEnqueued: nudge, downloadMedia: options.downloadMedia });
  const { clock, stores } = services;
  const dispatcher = new Dispatcher(options.bots, services, new Sessions(stores.sessions));
  const inbox = new Inbox({ dispatcher, stores, clock, logger, onEnqueued: nudge });
  const channel = new FakeChannel(inbox.receive, options.answers, clock, options.channel);
  const sender = new OutboxSender(new Map([[channel.name, channel]]), stores.outbox, clock, logger);
  return {
    clock,
    stores,
    /** The services, with the test helpers of memoryServices (who, pushed). */
    services,
    dispatcher,
    /** Sends a message and returns the texts of the passive answer (none when it went by push). */
    say: async (userId: string, text: string, send?: FakeSend): Promise<string[]> => {
      const answer = await channel.send(userId, text, send);
      return answer.kind === 'passive' ? answer.replies.map((reply) => reply.text) : [];
    },
    inbox,
    channel,
    sender,
    /** How often the inbox or a service woke the outbox sender. */
    nudges: () => nudges,
    /** The outbox keys written so far, in write order. */
    outboxKeys: () => [...stores.outbox.rows.keys()],
  };
}
