import type { Channel } from '../channels/channel';
import { DeliveryError } from '../channels/channel';
import type { Clock } from '../kernel/clock';
import type { ChannelName } from '../kernel/messages';
import { errorSummary } from '../kernel/logger';
import type { Logger } from '../kernel/logger';
import type { OutboxRow, OutboxStore } from '../store/outbox';

const IDLE_POLL_MS = 2_000;

/** Rows delivered and rows that failed an attempt, by channel (for `scheduler tick` output). */
export interface DeliveryTally {
  delivered: Map<string, number>;
  failed: Map<string, number>;
}

export function emptyTally(): DeliveryTally {
  return { delivered: new Map(), failed: new Map() };
}

function count(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
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
  ) {}

  /** Delivers every row due now; returns how many went out, and counts each attempt by channel in `tally`. */
  async deliverDue(tally: DeliveryTally = emptyTally()): Promise<number> {
    let sent = 0;
    for (;;) {
      const rows = await this.outbox.claimDue(this.clock.now());
      if (rows.length === 0) return sent;
      for (const row of rows) {
        const ok = await this.deliverOne(row);
        count(ok ? tally.delivered : tally.failed, row.channel);
        if (ok) sent++;
      }
    }
  }

  private async deliverOne(row: OutboxRow): Promise<boolean> {
    const channel = this.channels.get(row.channel);
    if (!channel) {
      await this.outbox.markFailed(row, `channel ${row.channel} is not configured`, true, this.clock.now());
      return false;
    }
    try {
      await channel.deliver({ key: row.key, userId: row.userId, message: row.message, replyHandle: row.replyHandle, late: row.late });
      await this.outbox.markSent(row, this.clock.now());
      return true;
    } catch (err) {
      const retryable = !(err instanceof DeliveryError) || err.retryable;
      const reason = err instanceof DeliveryError ? err.message : errorSummary(err).type;
      this.logger.warn({ key: row.key, channel: row.channel, attempts: row.attempts, retryable, reason }, 'outbox delivery failed');
      await this.outbox.markFailed(row, reason, retryable, this.clock.now());
      return false;
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
