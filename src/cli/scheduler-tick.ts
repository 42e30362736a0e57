import { createBot } from '../app';
import { FixedClock } from '../kernel/clock';
import { isLocalDate } from '../kernel/time/local-date';
import { StartupError, type Runtime } from '../runtime';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Reads `--at <ISO-8601 with offset>`; without it, now. */
export function parseTickInstant(args: string[], now: Date): Date {
  const index = args.indexOf('--at');
  if (index === -1) return now;
  const text = args[index + 1] ?? '';
  const at = new Date(text);
  // Date rolls impossible days over (2026-02-30 → 03-02): the calendar date must exist as written.
  if (!ISO_INSTANT.test(text) || Number.isNaN(at.getTime()) || !isLocalDate(text.slice(0, 10))) {
    throw new StartupError(`--at needs an ISO-8601 instant with its offset, e.g. 2026-03-20T09:00:00+08:00 (got "${text}")`);
  }
  return at;
}

/** `scheduler tick --at <ISO>`: runs one tick as of that instant and delivers what it produced. */
export async function schedulerTick(runtime: Runtime, args: string[]): Promise<void> {
  const at = parseTickInstant(args, runtime.clock.now());
  const bot = createBot(runtime.config, new FixedClock(at), runtime.logger);
  const result = await bot.scheduler.tick(at);
  process.stdout.write(
    `tick at ${at.toISOString()}: ${result.delivered} delivered${result.failedJobs.length ? `; failed jobs: ${result.failedJobs.join(', ')}` : ''}\n`,
  );
  if (result.failedJobs.length) process.exitCode = 1;
}
