import type { Answer, AnswerPolicy, Receive } from '../kernel/inbound';
import type { Clock } from '../kernel/clock';
import { withContentOwners } from '../kernel/content-owners';
import { errorSummary, type Logger } from '../kernel/logger';
import { type InboundMessage, type MessageRef, messageKey, type OutgoingMessage } from '../kernel/messages';
import { type InboxEntry, InboxStoreTimeout } from '../store/inbox';
import type { Stores } from '../store/stores';
import type { Dispatcher } from './dispatcher';
import { PUSH, planReplies, planUnsupported, type ReplyPlan } from './reply-plan';
import { TEXTS } from './texts';

const POLL_MS = 25;
/** How long a duplicate without a budget (console) waits for the first delivery's answer. */
const MAX_WAIT_MS = 30_000;
/** Far above any normal dispatch; a message still processing after it was left by a crashed process. */
const LEASE_MS = 10_000;
const RESUME_EVERY_MS = 3_000;
const RESUME_SCAN = 20;
/**
 * How long a platform's callback waits for its message to be stored. Past it (the database is stuck) the
 * request is refused with a 5xx so that the platform retries, well inside WeCom's 5 s; a database known to be
 * down is refused at once by the store, within 1 s (issue 22 item 7; tests/faults/database-outage.fault.ts
 * measures it). A store that lands later is deduped on the retry, or finished by the resume loop.
 */
export const STORE_BUDGET_MS = 1_000;

type Delivery = 'passive' | 'push';

export interface InboxDeps {
  dispatcher: Pick<Dispatcher, 'dispatch'>;
  stores: Pick<Stores, 'inbox' | 'outbox' | 'claims'>;
  clock: Clock;
  logger: Logger;
  /** Wakes the outbox sender after rows were written. */
  onEnqueued?: () => void;
}

/**
 * Stores each inbound message once (unique on channel + sender + platform message id),
 * runs it through the dispatcher once, and decides exactly once whether its
 * replies travel in the HTTP answer or through the outbox. A platform retry
 * gets the first delivery's answer, never a second run.
 *
 * Every exactly-once decision is a claim (src/store/claims.ts): FerretDB 1.x
 * does not apply a conditional update atomically.
 */
export class Inbox {
  /** Messages this process is dispatching now: never resumed as "interrupted". */
  private readonly inFlight = new Set<string>();

  constructor(private readonly deps: InboxDeps) {}

  /** What channels are given: plans and settles the answer to what they received. */
  readonly receive: Receive = async (received, policy) => {
    if (received.kind === 'unsupported') return this.settle(planUnsupported(received.message, policy));
    // One exchange: what it stores (log, outbox rows, session) is sealed under the agencies whose clue content it carries.
    return withContentOwners(() => this.handle(received.message, policy));
  };

  /**
   * Finishes messages whose processing was cut off (a crash, a kill): each is
   * claimed for one more attempt under a new lease, dispatched, and its replies
   * pushed through the outbox, since the HTTP request that brought it is gone.
   */
  async resumeInterrupted(): Promise<number> {
    const now = this.deps.clock.now();
    const stale = await this.deps.stores.inbox.interrupted(now, RESUME_SCAN);
    let resumed = 0;
    for (const entry of stale) {
      if (this.inFlight.has(messageKey(entry))) continue;
      const attempt = (entry.resumes ?? 0) + 1;
      if (!(await this.deps.stores.claims.claim(`process:${messageKey(entry)}#${attempt}`, 'resume', now)).won) continue;
      await this.deps.stores.inbox.resume(entry, attempt, new Date(now.getTime() + LEASE_MS));
      await this.decide(entry, 'push');
      this.deps.logger.warn({ channel: entry.channel, platformMessageId: entry.platformMessageId }, 'finishing a message left unprocessed');
      await withContentOwners(() =>
        this.process(entry, {
          channel: entry.channel,
          platformMessageId: entry.platformMessageId,
          userId: entry.userId,
          kind: entry.kind,
          text: entry.text,
          mediaId: entry.mediaId,
          receivedAt: entry.receivedAt,
          replyHandle: entry.replyHandle,
          group: entry.group,
        }),
      );
      resumed++;
    }
    return resumed;
  }

  /** Runs resumeInterrupted now and every few seconds (a server's crash recovery); returns the stop function. */
  startResuming(): () => void {
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    const run = async () => {
      await this.resumeInterrupted().catch((err) => this.deps.logger.warn({ err: errorSummary(err) }, 'resuming interrupted messages failed'));
      if (!stopped) timer = setTimeout(run, RESUME_EVERY_MS);
    };
    void run();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }

  /** Throws when the message cannot be stored: the channel must then answer non-2xx so the platform retries. */
  private async handle(message: InboundMessage, policy: AnswerPolicy): Promise<Answer> {
    // Kept well inside the lease, so a resume can never take a message that is still answered passively (below).
    const budgetMs = policy.kind === 'push' ? 0 : policy.budgetMs === null ? null : Math.min(policy.budgetMs, LEASE_MS / 2);
    // A platform (push, or a passive answer within a budget) is answered fast; the console waits as long as it takes.
    const entry = await (budgetMs === null ? this.store(message) : within(STORE_BUDGET_MS, this.store(message)));
    if (!entry) return this.awaitEarlier(message, policy, budgetMs);

    if (budgetMs === 0) await this.decide(entry, 'push');
    // A caller still waiting when the processing ends settles the delivery itself (answer() below).
    const caller = { waiting: budgetMs !== 0 };
    const processing = this.process(entry, message, caller);
    if (budgetMs === 0) {
      processing.catch(() => {});
      return { kind: 'pushed' };
    }
    if (budgetMs === null) return this.settle(planReplies(entry, await processing, policy));
    const budget = delay(budgetMs).then(() => {
      caller.waiting = false;
      return null;
    });
    const replies = await Promise.race([processing, budget]);
    processing.catch(() => {});
    // Ready within the budget: answered in this response with no claim, so the message costs its insert and the
    // one write that stores the replies. Nothing else can have chosen the push path by then: past the budget only
    // this request's own timeout branch (below) claims it, a retry never does (awaitEarlier), and a resume takes
    // only entries whose lease (LEASE_MS, far past any budget) ran out while still processing.
    return replies ? this.settle(planReplies(entry, replies, policy)) : this.answer(entry, 'push', policy);
  }

  private store(message: InboundMessage): Promise<InboxEntry | null> {
    return this.deps.stores.inbox.add({
      channel: message.channel,
      platformMessageId: message.platformMessageId,
      userId: message.userId,
      kind: message.kind,
      text: message.text,
      mediaId: message.mediaId,
      receivedAt: message.receivedAt,
      leaseUntil: new Date(this.deps.clock.now().getTime() + LEASE_MS),
      replyHandle: message.replyHandle,
      group: message.group,
    });
  }

  private async process(entry: InboxEntry, message: InboundMessage, caller = { waiting: false }): Promise<OutgoingMessage[]> {
    const key = messageKey(entry);
    this.inFlight.add(key);
    try {
      let replies: OutgoingMessage[];
      try {
        replies = await this.deps.dispatcher.dispatch(message);
      } catch (err) {
        this.deps.logger.error({ err: errorSummary(err), channel: message.channel, platformMessageId: message.platformMessageId }, 'dispatch failed');
        replies = [{ text: TEXTS.failed }];
      }
      await this.deps.stores.inbox.finish(entry, replies, this.deps.clock.now());
      // Whoever claimed the push path may have looked before the replies existed: push them now.
      if (!caller.waiting && (await this.deps.stores.claims.readClaim(deliveryClaim(entry)))?.value === 'push') {
        await this.settle(planReplies(entry, replies, PUSH));
      }
      return replies;
    } finally {
      this.inFlight.delete(key);
    }
  }

  /** Claims how the replies travel when the answer is not given at once; the first claim holds for every later delivery of the message. */
  private async decide(entry: InboxEntry, wanted: Delivery): Promise<Delivery> {
    const taken = await this.deps.stores.claims.claim(deliveryClaim(entry), wanted, this.deps.clock.now());
    return taken.value as Delivery;
  }

  /**
   * Answers passively when the passive path holds and the replies exist; else the outbox carries them.
   * `ready`: the replies this process just stored, so they need not be read back.
   */
  private async answer(entry: InboxEntry, wanted: Delivery, policy: AnswerPolicy, ready?: OutgoingMessage[]): Promise<Answer> {
    const decided = await this.decide(entry, wanted);
    const replies = ready ?? (await this.deps.stores.inbox.repliesOf(entry));
    if (!replies) return { kind: 'pushed' };
    return this.settle(planReplies(entry, replies, decided === 'passive' ? policy : PUSH));
  }

  /** Writes the plan's outbox rows (a key written before stays as it is) and returns its answer. */
  private async settle(plan: ReplyPlan): Promise<Answer> {
    if (plan.rows.length > 0 && (await this.deps.stores.outbox.enqueue(plan.rows, this.deps.clock.now())) > 0) this.deps.onEnqueued?.();
    return plan.answer;
  }

  /** A retry: wait (within the budget) for the first delivery, then give the same answer. */
  private async awaitEarlier(message: InboundMessage, policy: AnswerPolicy, budgetMs: number | null): Promise<Answer> {
    if (budgetMs === 0) return { kind: 'pushed' };
    const deadline = Date.now() + (budgetMs ?? MAX_WAIT_MS);
    for (;;) {
      const entry = await this.deps.stores.inbox.find(message);
      if (!entry) throw new Error('inbox entry vanished');
      if (entry.status === 'done') {
        // Its replies' outbox rows are sealed like the first delivery's exchange.
        return withContentOwners(
          () => (budgetMs === null ? this.settle(planReplies(entry, entry.replies, policy)) : this.answer(entry, 'passive', policy, entry.replies)),
          entry.sealedFor,
        );
      }
      // Out of time while the first delivery still runs: an empty answer, and the push is left to the first delivery
      // (its own timeout claims it) or to the resume of a crashed one. Claiming it here could race the first delivery's
      // passive answer, which takes no claim.
      if (Date.now() >= deadline) return { kind: 'pushed' };
      await delay(POLL_MS);
    }
  }
}

function deliveryClaim(entry: MessageRef): string {
  return `delivery:${messageKey(entry)}`;
}

/** The promise's result, or InboxStoreTimeout after ms (the promise still runs on). */
async function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new InboxStoreTimeout(ms)), ms);
  });
  promise.catch(() => {});
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
