import type { AppConfig } from '../src/config';
import { OutboxModel } from '../src/store/models/outbox';
import { seedDueDeadlines, seedOpenDeadlines, tickInstant } from './seed';
import type { ServerProcess } from './server-process';

const DUE = 100;
const REPEATS = 3;
const DAY_MS = 86_400_000;

interface TickReply {
  ms: number;
  delivered: number;
  failedJobs: string[];
}

/**
 * One scheduler tick (every job, then delivering what it wrote) at 10k, 100k, 1M
 * open deadlines of which 100 are due; the median of three, the due ones restored
 * and their outbox rows removed between runs.
 */
export async function measureTicks(
  bot: ServerProcess,
  config: AppConfig,
  sizes: [string, number][],
  row: (name: string, value: string) => void,
): Promise<Record<string, number>> {
  const at = tickInstant(config);
  const figures: Record<string, number> = {};
  let seeded = 0;
  await bot.request<TickReply>({ cmd: 'tick', at: new Date(at.getTime() - DAY_MS).toISOString() });
  for (const [name, size] of sizes) {
    await seedOpenDeadlines(config, seeded, size - DUE);
    seeded = size - DUE;
    const runs: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      await seedDueDeadlines(config, DUE);
      const tick = await bot.request<TickReply>({ cmd: 'tick', at: at.toISOString() });
      if (tick.failedJobs.length) throw new Error(`tick: jobs failed: ${tick.failedJobs.join(', ')}`);
      await checkReminders();
      runs.push(tick.ms);
    }
    figures[name] = median(runs);
    row(`tick, ${name} open deadlines, ${DUE} due`, `${figures[name]!.toFixed(0)} ms (runs ${runs.map((r) => r.toFixed(0)).join(', ')})`);
  }
  return figures;
}

/** Exactly the due items were reminded; then their rows go, so the next run does the same work. */
async function checkReminders(): Promise<void> {
  const due = await OutboxModel.countDocuments({ key: { $regex: '^remind:[A-Z]+-\\d+-D' } });
  const others = await OutboxModel.countDocuments({ key: { $regex: '^remind:[A-Z]+-\\d+-S' } });
  if (due < DUE || others > 0) throw new Error(`tick: ${due} reminders for the ${DUE} due items, ${others} for items not due`);
  await OutboxModel.collection.deleteMany({ key: { $regex: '^(remind|escalate):' } });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
