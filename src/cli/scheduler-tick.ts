import { createBot } from '../app';
import { FixedClock } from '../kernel/clock';
import { isLocalDate } from '../kernel/time/local-date';
import { StartupError, type Runtime } from '../runtime';
import type { TickResult } from '../scheduler/scheduler';
import { createMongoStores } from '../store/mongo';
import type { OutboxStore } from '../store/outbox';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** A catch-up looks back; an instant further ahead than this is taken for a typo (2028 for 2026) unless --allow-future. */
const MAX_AHEAD_MS = 24 * 3_600_000;

/** Reads `--at <ISO-8601 with offset>`; without it, now. More than a day ahead of now needs `--allow-future`. */
export function parseTickInstant(args: string[], now: Date): Date {
  const index = args.indexOf('--at');
  if (index === -1) return now;
  const text = args[index + 1] ?? '';
  const at = new Date(text);
  // Date rolls impossible days over (2026-02-30 → 03-02): the calendar date must exist as written.
  if (!ISO_INSTANT.test(text) || Number.isNaN(at.getTime()) || !isLocalDate(text.slice(0, 10))) {
    throw new StartupError(`--at needs an ISO-8601 instant with its offset, e.g. 2026-03-20T09:00:00+08:00 (got "${text}")`);
  }
  if (at.getTime() - now.getTime() > MAX_AHEAD_MS && !args.includes('--allow-future')) {
    throw new StartupError(`--at ${text} is more than a day ahead of now (${now.toISOString()}); nothing done. A real tick at that time needs --allow-future`);
  }
  return at;
}

/**
 * The outbox, writing rows one at a time so each new row is counted by channel
 * (a row already there is the idempotency rule at work, not something enqueued now).
 */
function countingOutbox(outbox: OutboxStore, enqueued: Map<string, number>): OutboxStore {
  return Object.assign(Object.create(outbox) as OutboxStore, {
    async enqueue(items: Parameters<OutboxStore['enqueue']>[0], now: Date): Promise<number> {
      let created = 0;
      for (const item of items) {
        if ((await outbox.enqueue([item], now)) === 0) continue;
        created++;
        enqueued.set(item.channel, (enqueued.get(item.channel) ?? 0) + 1);
      }
      return created;
    },
  });
}

function byChannel(counts: Map<string, number>): string {
  const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
  const parts = [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([channel, n]) => `${channel} ${n}`);
  return parts.length ? `${total} (${parts.join(', ')})` : '0';
}

/** The tick's one line: what its jobs wrote to the outbox and what went out, by channel. */
export function tickSummary(result: TickResult, enqueued: Map<string, number>): string {
  const failed = result.tally.failed.size ? `; failed attempts ${byChannel(result.tally.failed)} (retried later)` : '';
  const dropped = result.tally.dropped.size ? `; dropped ${byChannel(result.tally.dropped)} (answered or rescheduled meanwhile)` : '';
  const jobs = result.failedJobs.length ? `; failed jobs: ${result.failedJobs.join(', ')}` : '';
  return `tick at ${result.at.toISOString()}: enqueued ${byChannel(enqueued)}; delivered ${byChannel(result.tally.delivered)}${failed}${dropped}${jobs}`;
}

/** `scheduler tick --at <ISO>`: runs one tick as of that instant and delivers what it produced. */
export async function schedulerTick(runtime: Runtime, args: string[]): Promise<void> {
  const at = parseTickInstant(args, runtime.clock.now());
  const enqueued = new Map<string, number>();
  const stores = createMongoStores();
  const bot = createBot(runtime.config, new FixedClock(at), runtime.logger, { ...stores, outbox: countingOutbox(stores.outbox, enqueued) });
  const result = await bot.scheduler.tick(at);
  process.stdout.write(`${tickSummary(result, enqueued)}\n`);
  if (result.failedJobs.length) process.exitCode = 1;
}
