import type { Channel } from '../channels/channel';
import { DeliveryError } from '../channels/channel';
import { mapAtOnce } from '../kernel/at-once';
import type { Clock } from '../kernel/clock';
import type { ChannelName } from '../kernel/messages';
import { errorSummary } from '../kernel/logger';
import type { Logger } from '../kernel/logger';
import type { OutboxRow, OutboxStore } from '../store/outbox';
import type { LiveRenderers } from './live-messages';

const IDLE_POLL_MS = 2_000;
/** Recipients served at once: each one's rows still go one after another, in the order written. */
const RECIPIENTS_AT_ONCE = 8;

/** Rows delivered, rows that failed an attempt and rows dropped as no longer needed, by channel (for `scheduler tick` output). */
export interface DeliveryTally {
  delivered: Map<string, number>;
  failed: Map<string, number>;
  dropped: Map<string, number>;
}

export function emptyTally(): DeliveryTally {
  return { delivered: new Map(), failed: new Map(), dropped: new Map() };
}

/** What the row written for a dropped live message records. */
const DROPPED = 'dropped: its item changed before delivery (answered or rescheduled)';

function count(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** The rows of each recipient, in the order they came. */
function byRecipient(rows: readonly OutboxRow[]): OutboxRow[][] {
  const queues = new Map<string, OutboxRow[]>();
  for (const row of rows) {
    const key = `${row.channel}:${row.userId}`;
    const queue = queues.get(key);
    if (queue) queue.push(row);
    else queues.set(key, [row]);
  }
  return [...queues.values()];
}

/**
 * Delivers pending outbox rows through their channel, with retry and backoff.
 * Rows are claimed under a lease, so several senders (or processes) can run.
 */
export class OutboxSender {
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
  private draining: Promise<number> | undefined;

  constructor(
    private readonly channels: ReadonlyMap<ChannelName, Channel>,
    private readonly outbox: OutboxStore,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly live: LiveRenderers = new Map(),
  ) {}

  /** Delivers every row due now; returns how many went out, and counts each attempt by channel in `tally`. */
  async deliverDue(tally: DeliveryTally = emptyTally()): Promise<number> {
    let sent = 0;
    for (;;) {
      // One read per page of due rows; each row is taken just before it goes out.
      const queues = byRecipient(await this.outbox.due(this.clock.now()));
      let taken = 0;
      const serve = async (queue: OutboxRow[]) => {
        for (const due of queue) {
          const row = await this.outbox.take(due, this.clock.now());
          if (row === 'held') continue;
          taken++;
          if (row === 'unreadable') continue;
          const outcome = await this.deliverOne(row);
          count(tally[outcome], row.channel);
          if (outcome === 'delivered') sent++;
        }
      };
      await mapAtOnce(queues, RECIPIENTS_AT_ONCE, serve);
      // A page where every row was held by another sender: what is left is theirs (or due again after their lease).
      if (taken === 0) return sent;
    }
  }

  private async deliverOne(row: OutboxRow): Promise<keyof DeliveryTally> {
    const channel = this.channels.get(row.channel);
    if (!channel) {
      await this.outbox.markFailed(row, `channel ${row.channel} is not configured`, true, this.clock.now());
      return 'failed';
    }
    try {
      const render = row.live && this.live.get(row.live.kind);
      const message = render ? await render(row.live!.ref, this.clock.now(), row) : row.message;
      if (!message) {
        await this.outbox.markFailed(row, DROPPED, false, this.clock.now());
        return 'dropped';
      }
      await channel.deliver({ key: row.key, userId: row.userId, message, replyHandle: row.replyHandle, late: row.late });
      await this.outbox.markSent(row, this.clock.now());
      return 'delivered';
    } catch (err) {
      const retryable = !(err instanceof DeliveryError) || err.retryable;
      const reason = err instanceof DeliveryError ? err.message : errorSummary(err).type;
      this.logger.warn({ key: row.key, channel: row.channel, attempts: row.attempts, retryable, reason }, 'outbox delivery failed');
      await this.outbox.markFailed(row, reason, retryable, this.clock.now());
      return 'failed';
    }
  }

  /** Starts the background loop: it drains when nudged and polls otherwise. */
  start(): void {
    if (this.running) return;
    this.running = true;
    void this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    this.wake?.();
    await this.draining?.catch(() => 0);
  }

  /** Called when rows were written, so they go out now rather than at the next poll. */
  nudge(): void {
    this.wake?.();
  }

  private async loop(): Promise<void> {
    while (this.running) {
      this.draining = this.deliverDue().catch((err) => {
        this.logger.warn({ err: errorSummary(err) }, 'outbox sender pass failed');
        return 0;
      });
      await this.draining;
      if (!this.running) return;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.timer = setTimeout(resolve, IDLE_POLL_MS);
      });
      this.wake = undefined;
    }
  }
}
