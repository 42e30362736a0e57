import type { Clock } from '../kernel/clock';
import { errorSummary, type Logger } from '../kernel/logger';
import { openJson, sealJson } from '../store/mongo/at-rest';
import { claim, isDuplicateKey, readClaim } from '../store/mongo/claims';
import { ConversationModel } from '../store/mongo/models/conversation';
import type { ConversationEntry } from '../store/inbox';
import { enqueue } from '../store/mongo/outbox';
import type { Dispatcher } from './dispatcher';
import { TEXTS } from './texts';
import type { InboundMessage, OutgoingMessage } from '../kernel/messages';

const POLL_MS = 25;
/** How long a duplicate without a budget (console) waits for the first delivery's answer. */
const MAX_WAIT_MS = 30_000;
/** Far above any normal dispatch; a message still processing after it was left by a crashed process. */
const LEASE_MS = 10_000;
const RESUME_EVERY_MS = 3_000;
const RESUME_SCAN = 20;

export type InboxOutcome =
  /** Answer these in the HTTP response. */
  | { kind: 'passive'; replies: OutgoingMessage[]; duplicate: boolean }
  /** Answer the request empty: the replies go (or went) through the outbox. */
  | { kind: 'pushed'; duplicate: boolean };

export interface HandleOptions {
  /**
   * How long the caller may wait for the answer: null = as long as it takes
   * (console), 0 = never (DingTalk), else the platform's budget (WeCom).
   */
  budgetMs: number | null;
}

type Entry = ConversationEntry & { _id: unknown };
type Delivery = 'passive' | 'push';

/**
 * Stores each inbound message once (unique on channel + platform message id),
 * runs it through the dispatcher once, and decides exactly once whether its
 * replies travel in the HTTP answer or through the outbox. A platform retry
 * gets the first delivery's answer, never a second run.
 *
 * Every exactly-once decision is a unique insert (src/store/claims.ts):
 * FerretDB 1.x does not apply a conditional update atomically.
 */
export class Inbox {
  /** Messages this process is dispatching now: never resumed as "interrupted". */
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly dispatcher: Dispatcher,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly onEnqueued: () => void = () => {},
  ) {}

  /** Throws when the message cannot be stored: the channel must then answer non-2xx so the platform retries. */
  async handle(message: InboundMessage, options: HandleOptions): Promise<InboxOutcome> {
    const entry = await this.store(message);
    if (!entry) return this.awaitEarlier(message, options.budgetMs);

    if (options.budgetMs === 0) await this.decide(entry, 'push');
    // A caller still waiting when the processing ends settles the delivery itself (answer() below).
    const caller = { waiting: options.budgetMs !== 0 };
    const processing = this.process(entry, message, caller);
    if (options.budgetMs === 0) {
      processing.catch(() => {});
      return { kind: 'pushed', duplicate: false };
    }
    if (options.budgetMs === null) return { kind: 'passive', replies: await processing, duplicate: false };
    const budget = delay(options.budgetMs).then(() => {
      caller.waiting = false;
      return null;
    });
    const replies = await Promise.race([processing, budget]);
    processing.catch(() => {});
    return replies ? this.answer(entry, 'passive', false, replies) : this.answer(entry, 'push', false);
  }

  /**
   * Finishes messages whose processing was cut off (a crash, a kill): each is
   * claimed for one more attempt under a new lease, dispatched, and its replies
   * pushed through the outbox, since the HTTP request that brought it is gone.
   */
  async resumeInterrupted(): Promise<number> {
    const now = this.clock.now();
    const stale = await ConversationModel.find({ status: 'processing', leaseUntil: { $lte: now } })
      .sort({ receivedAt: 1 })
      .limit(RESUME_SCAN)
      .lean<Entry[]>();
    let resumed = 0;
    for (const entry of stale) {
      if (this.inFlight.has(inboxKey(entry))) continue;
      const attempt = (entry.resumes ?? 0) + 1;
      if (!(await claim(`process:${inboxKey(entry)}#${attempt}`, 'resume', now)).won) continue;
      await ConversationModel.updateOne({ _id: entry._id }, { $set: { resumes: attempt, leaseUntil: new Date(now.getTime() + LEASE_MS) } });
      await this.decide(entry, 'push');
      this.logger.warn({ channel: entry.channel, platformMessageId: entry.platformMessageId }, 'finishing a message left unprocessed');
      await this.process(entry, {
        channel: entry.channel,
        platformMessageId: entry.platformMessageId,
        userId: entry.userId,
        kind: entry.kind,
        text: openJson<string>(entry.text, textContext(entry)),
        mediaId: entry.mediaId,
        receivedAt: entry.receivedAt,
        replyHandle: entry.replyHandle,
      });
      resumed++;
    }
    return resumed;
  }

  /** Runs resumeInterrupted now and every few seconds (a server's crash recovery); returns the stop function. */
  startResuming(): () => void {
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    const run = async () => {
      await this.resumeInterrupted().catch((err) => this.logger.warn({ err: errorSummary(err) }, 'resuming interrupted messages failed'));
      if (!stopped) timer = setTimeout(run, RESUME_EVERY_MS);
    };
    void run();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }

  private async store(message: InboundMessage): Promise<Entry | null> {
    try {
      const doc = await ConversationModel.create({
        channel: message.channel,
        platformMessageId: message.platformMessageId,
        userId: message.userId,
        direction: 'in',
        kind: message.kind,
        text: sealJson(message.text, textContext(message)),
        mediaId: message.mediaId,
        receivedAt: message.receivedAt,
        status: 'processing',
        leaseUntil: new Date(this.clock.now().getTime() + LEASE_MS),
        replyHandle: message.replyHandle,
      });
      return doc.toObject() as Entry;
    } catch (err) {
      if (isDuplicateKey(err)) return null;
      throw err;
    }
  }

  private async process(entry: Entry, message: InboundMessage, caller = { waiting: false }): Promise<OutgoingMessage[]> {
    const key = inboxKey(entry);
    this.inFlight.add(key);
    try {
      let replies: OutgoingMessage[];
      try {
        replies = await this.dispatcher.dispatch(message);
      } catch (err) {
        this.logger.error({ err: errorSummary(err), channel: message.channel, platformMessageId: message.platformMessageId }, 'dispatch failed');
        replies = [{ text: TEXTS.failed }];
      }
      await ConversationModel.updateOne(
        { _id: entry._id },
        { $set: { status: 'done', replies: sealJson(replies, repliesContext(entry)), repliedAt: this.clock.now() }, $unset: { leaseUntil: 1 } },
      );
      // Whoever claimed the push path may have looked before the replies existed: push them now.
      if (!caller.waiting && (await readClaim(deliveryClaim(entry)))?.value === 'push') await this.pushReplies(entry, replies);
      return replies;
    } finally {
      this.inFlight.delete(key);
    }
  }

  private async pushReplies(entry: Entry, replies: OutgoingMessage[]): Promise<void> {
    const created = await enqueue(
      replies.map((message, index) => ({
        key: `reply:${entry.channel}:${entry.platformMessageId}:${index}`,
        channel: entry.channel,
        userId: entry.userId,
        message,
        replyHandle: entry.replyHandle,
      })),
      this.clock.now(),
    );
    if (created > 0) this.onEnqueued();
  }

  /** Claims how the replies travel; the first claim holds for every delivery of the message. */
  private async decide(entry: Entry, wanted: Delivery): Promise<Delivery> {
    const taken = await claim(deliveryClaim(entry), wanted, this.clock.now());
    return taken.value as Delivery;
  }

  /**
   * Answers passively when the passive path holds and the replies exist; else the outbox carries them.
   * `ready`: the replies this process just stored, so they need not be read back.
   */
  private async answer(entry: Entry, wanted: Delivery, duplicate: boolean, ready?: OutgoingMessage[]): Promise<InboxOutcome> {
    const decided = await this.decide(entry, wanted);
    const replies = ready ?? (await this.storedReplies(entry));
    if (!replies) return { kind: 'pushed', duplicate };
    if (decided === 'passive') return { kind: 'passive', replies, duplicate };
    await this.pushReplies(entry, replies);
    return { kind: 'pushed', duplicate };
  }

  /** The stored replies, or null while the message is still being processed. */
  private async storedReplies(entry: Entry): Promise<OutgoingMessage[] | null> {
    const current = await ConversationModel.findById(entry._id, { status: 1, replies: 1 }).lean<Entry>();
    return current?.status === 'done' ? openJson<OutgoingMessage[]>(current.replies, repliesContext(entry)) : null;
  }

  /** A retry: wait (within the budget) for the first delivery, then give the same answer. */
  private async awaitEarlier(message: InboundMessage, budgetMs: number | null): Promise<InboxOutcome> {
    const key = { channel: message.channel, platformMessageId: message.platformMessageId };
    if (budgetMs === 0) return { kind: 'pushed', duplicate: true };
    const deadline = Date.now() + (budgetMs ?? MAX_WAIT_MS);
    for (;;) {
      const entry = await ConversationModel.findOne(key).lean<Entry>();
      if (!entry) throw new Error('inbox entry vanished');
      if (entry.status === 'done') {
        if (budgetMs === null) return { kind: 'passive', replies: openJson(entry.replies, repliesContext(entry)), duplicate: true };
        return this.answer(entry, 'passive', true, openJson<OutgoingMessage[]>(entry.replies, repliesContext(entry)));
      }
      if (Date.now() >= deadline) return budgetMs === null ? { kind: 'pushed', duplicate: true } : this.answer(entry, 'push', true);
      await delay(POLL_MS);
    }
  }
}

function inboxKey(entry: { channel: string; platformMessageId: string }): string {
  return `${entry.channel}:${entry.platformMessageId}`;
}

function textContext(entry: { channel: string; platformMessageId: string }): string {
  return `conversation.text:${inboxKey(entry)}`;
}

function repliesContext(entry: { channel: string; platformMessageId: string }): string {
  return `conversation.replies:${inboxKey(entry)}`;
}

function deliveryClaim(entry: { channel: string; platformMessageId: string }): string {
  return `delivery:${inboxKey(entry)}`;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
