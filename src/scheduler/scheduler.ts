import cron, { type ScheduledTask } from 'node-cron';
import { TIME_ZONE, type Clock } from '../kernel/clock';
import { errorSummary } from '../kernel/logger';
import type { Logger } from '../kernel/logger';
import { emptyTally, type DeliveryTally, type OutboxSender } from './outbox-sender';

/**
 * A job asks "what is due at T" and writes what it produces to the outbox with
 * idempotency keys, so running it twice for the same T (a repeated tick, two
 * instances) produces nothing new.
 */
export interface ScheduledJob {
  name: string;
  run(at: Date): Promise<void>;
}

export interface TickResult {
  at: Date;
  delivered: number;
  /** Delivered and failed attempts by channel. */
  tally: DeliveryTally;
  failedJobs: string[];
  /** Wall time of the jobs (what is due, written to the outbox) and of delivering the outbox afterwards. */
  ms: { jobs: number; delivery: number };
}

/** Runs every job once a minute in-process (node-cron), then delivers the outbox. */
export class Scheduler {
  private readonly jobs: ScheduledJob[] = [];
  private task: ScheduledTask | undefined;
  private ticking: Promise<TickResult> | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly sender: OutboxSender,
    private readonly logger: Logger,
  ) {}

  register(job: ScheduledJob): void {
    this.jobs.push(job);
  }

  async tick(at: Date = this.clock.now()): Promise<TickResult> {
    const failedJobs: string[] = [];
    const started = performance.now();
    for (const job of this.jobs) {
      try {
        await job.run(at);
      } catch (err) {
        failedJobs.push(job.name);
        this.logger.error({ job: job.name, err: errorSummary(err) }, 'scheduled job failed');
      }
    }
    const decided = performance.now();
    const tally = emptyTally();
    const delivered = await this.sender.deliverDue(tally);
    return { at, delivered, tally, failedJobs, ms: { jobs: decided - started, delivery: performance.now() - decided } };
  }

  start(): void {
    this.task = cron.schedule(
      '* * * * *',
      async () => {
        if (this.ticking) return; // the previous minute's tick is still running
        this.ticking = this.tick();
        try {
          await this.ticking;
        } catch (err) {
          this.logger.error({ err: errorSummary(err) }, 'scheduler tick failed');
        } finally {
          this.ticking = undefined;
        }
      },
      { timezone: TIME_ZONE },
    );
  }

  async stop(): Promise<void> {
    await this.task?.stop();
    await this.ticking?.catch(() => undefined);
  }
}
