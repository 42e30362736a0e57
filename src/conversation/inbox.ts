import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { ConversationModel, type ConversationEntry } from '../store/models/conversation';
import { enqueue } from '../store/outbox';
import { TEXTS, type Dispatcher } from './dispatcher';
import type { InboundMessage, OutgoingMessage } from './messages';

const DUPLICATE_KEY = 11000;
const POLL_MS = 25;
/** How long a duplicate without a budget (console) waits for the first delivery's answer. */
const MAX_WAIT_MS = 30_000;
/** Far above any normal dispatch; a message still processing after it was left by a crashed process. */
const LEASE_MS = 10_000;
const RESUME_EVERY_MS = 3_000;

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

/**
 * Stores each inbound message once (unique on channel + platform message id),
 * runs it through the dispatcher once, and decides exactly once whether its
 * replies travel in the HTTP answer or through the outbox. A platform retry
 * gets the first delivery's answer, never a second run.
 */
export class Inbox {
  private readonly notifyOutbox: () => void;

  constructor(
    private readonly dispatcher: Dispatcher,
    private readonly clock: Clock,
    private readonly logger: Logger,
    onEnqueued: () => void = () => {},
  ) {
    this.notifyOutbox = onEnqueued;
  }

  /** Throws when the message cannot be stored: the channel must then answer non-2xx so the platform retries. */
  async handle(message: InboundMessage, options: HandleOptions): Promise<InboxOutcome> {
    const entry = await this.store(message, options.budgetMs === 0 ? 'push' : null);
    if (!entry) return this.awaitEarlier(message, options.budgetMs);

    const processing = this.process(entry._id, message);
    if (options.budgetMs === 0) {
      processing.catch(() => {});
      return { kind: 'pushed', duplicate: false };
    }
    if (options.budgetMs === null) {
      const replies = await processing;
      await ConversationModel.updateOne({ _id: entry._id, delivery: null }, { $set: { delivery: 'passive' } });
      return { kind: 'passive', replies, duplicate: false };
    }
    const finished = await Promise.race([processing.then(() => true), delay(options.budgetMs).then(() => false)]);
    processing.catch(() => {});
    if (finished) return this.claimPassive(entry._id, false);
    return this.claimPushOrAnswer(entry._id, false);
  }

  /**
   * Finishes messages whose processing was cut off (a crash, a kill): each is
   * claimed under a new lease, dispatched, and its replies pushed through the
   * outbox, since the HTTP request that brought it is gone.
   */
  async resumeInterrupted(): Promise<number> {
    let resumed = 0;
    for (;;) {
      const now = this.clock.now();
      const entry = await ConversationModel.findOneAndUpdate(
        { status: 'processing', leaseUntil: { $lte: now } },
        { $set: { leaseUntil: new Date(now.getTime() + LEASE_MS), delivery: 'push' } },
        { sort: { receivedAt: 1 }, returnDocument: 'after' },
      ).lean<ConversationEntry & { _id: unknown }>();
      if (!entry) return resumed;
      this.logger.warn({ channel: entry.channel, platformMessageId: entry.platformMessageId }, 'finishing a message left unprocessed');
      await this.process(entry._id, {
        channel: entry.channel,
        platformMessageId: entry.platformMessageId,
        userId: entry.userId,
        kind: entry.kind,
        text: entry.text,
        mediaId: entry.mediaId,
        receivedAt: entry.receivedAt,
        replyHandle: entry.replyHandle,
      });
      resumed++;
    }
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

  private async store(message: InboundMessage, delivery: 'push' | null) {
    try {
      return await ConversationModel.create({
        channel: message.channel,
        platformMessageId: message.platformMessageId,
        userId: message.userId,
        direction: 'in',
        kind: message.kind,
        text: message.text,
        mediaId: message.mediaId,
        receivedAt: message.receivedAt,
        status: 'processing',
        leaseUntil: new Date(this.clock.now().getTime() + LEASE_MS),
        delivery,
        replyHandle: message.replyHandle,
      });
    } catch (err) {
      if ((err as { code?: number }).code === DUPLICATE_KEY) return null;
      throw err;
    }
  }

  private async process(id: unknown, message: InboundMessage): Promise<OutgoingMessage[]> {
    let replies: OutgoingMessage[];
    try {
      replies = await this.dispatcher.dispatch(message);
    } catch (err) {
      this.logger.error({ err: errorSummary(err), channel: message.channel, platformMessageId: message.platformMessageId }, 'dispatch failed');
      replies = [{ text: TEXTS.failed }];
    }
    const done = await ConversationModel.findOneAndUpdate(
      { _id: id },
      { $set: { status: 'done', replies, repliedAt: this.clock.now() }, $unset: { leaseUntil: 1 } },
      { returnDocument: 'after' },
    ).lean<ConversationEntry>();
    if (done?.delivery === 'push') await this.pushReplies(done);
    return replies;
  }

  private async pushReplies(entry: ConversationEntry): Promise<void> {
    const created = await enqueue(
      entry.replies.map((message, index) => ({
        key: `reply:${entry.channel}:${entry.platformMessageId}:${index}`,
        channel: entry.channel,
        userId: entry.userId,
        message,
        replyHandle: entry.replyHandle,
      })),
      this.clock.now(),
    );
    if (created > 0) this.notifyOutbox();
  }

  /** The replies are ready: answer passively, unless the push path was claimed first. */
  private async claimPassive(id: unknown, duplicate: boolean): Promise<InboxOutcome> {
    const entry = await ConversationModel.findOneAndUpdate(
      { _id: id, delivery: { $in: [null, 'passive'] } },
      { $set: { delivery: 'passive' } },
      { returnDocument: 'after' },
    ).lean<ConversationEntry>();
    return entry ? { kind: 'passive', replies: entry.replies, duplicate } : { kind: 'pushed', duplicate };
  }

  /** The budget ran out: claim the push path while still processing, else the replies are ready after all. */
  private async claimPushOrAnswer(id: unknown, duplicate: boolean): Promise<InboxOutcome> {
    const claimed = await ConversationModel.updateOne(
      { _id: id, status: 'processing', delivery: null },
      { $set: { delivery: 'push' } },
    );
    if (claimed.modifiedCount === 1) return { kind: 'pushed', duplicate };
    const entry = await ConversationModel.findById(id, { status: 1, delivery: 1 }).lean<ConversationEntry>();
    if (entry?.status === 'done') return this.claimPassive(id, duplicate);
    return { kind: 'pushed', duplicate };
  }

  /** A retry: wait (within the budget) for the first delivery, then give the same answer. */
  private async awaitEarlier(message: InboundMessage, budgetMs: number | null): Promise<InboxOutcome> {
    const key = { channel: message.channel, platformMessageId: message.platformMessageId };
    const deadline = Date.now() + (budgetMs ?? MAX_WAIT_MS);
    for (;;) {
      const entry = await ConversationModel.findOne(key, { status: 1, delivery: 1, replies: 1 }).lean<ConversationEntry & { _id: unknown }>();
      if (!entry) throw new Error('inbox entry vanished');
      if (entry.delivery === 'push') return { kind: 'pushed', duplicate: true };
      if (entry.status === 'done') return this.claimPassive(entry._id, true);
      if (Date.now() >= deadline) return this.claimPushOrAnswer(entry._id, true);
      await delay(POLL_MS);
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Error class and code only: an error message may quote user text. */
export function errorSummary(err: unknown): { type: string; code?: unknown } {
  const e = err as { name?: string; code?: unknown };
  return { type: e?.name ?? typeof err, code: e?.code };
}
