import type { AppConfig } from '../src/config';
import { OutboxModel } from '../src/store/mongo/models/outbox';
import { rollups } from '../src/store/mongo/rollups';
import { seedDueDeadlines, seedOpenDeadlines, tickInstant } from './seed';
import { Budget } from './budget';
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
 * and their outbox rows removed between runs. A size whose runs (with the first,
 * warm-up tick) do not finish within the budget is null, and so are the larger ones.
 */
export async function measureTicks(
  bot: ServerProcess,
  config: AppConfig,
  sizes: [string, number][],
  budgetMs: number,
  row: (name: string, value: string) => void,
): Promise<Record<string, number | null>> {
  const at = tickInstant(config);
  const figures: Record<string, number | null> = Object.fromEntries(sizes.map(([name]) => [name, null]));
  let seeded = 0;
  // The first tick of a process also runs its once-per-process jobs; keep that out of the figures.
  await seedOpenDeadlines(config, 0, sizes[0]![1] - DUE);
  seeded = sizes[0]![1] - DUE;
  // Seeding wrote past the stores: the rollups the report jobs read are recomputed as after any bulk load.
  await rollups.rebuild();
  if ((await new Budget(budgetMs).run(tick(bot, new Date(at.getTime() - DAY_MS)))) === null) return figures;
  for (const [name, size] of sizes) {
    await seedOpenDeadlines(config, seeded, size - DUE);
    seeded = size - DUE;
    await rollups.rebuild();
    const budget = new Budget(budgetMs);
    const runs: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      await seedDueDeadlines(config, DUE);
      const result = await budget.run(tick(bot, at));
      if (result === null) return figures;
      await checkReminders();
      runs.push(result.ms);
    }
    figures[name] = median(runs);
    row(`tick: ${name} open deadlines, ${DUE} due`, `${figures[name]!.toFixed(0)} ms (runs ${runs.map((r) => r.toFixed(0)).join(', ')})`);
  }
  return figures;
}

async function tick(bot: ServerProcess, at: Date): Promise<TickReply> {
  const result = await bot.request<TickReply>({ cmd: 'tick', at: at.toISOString() });
  if (result.failedJobs.length) throw new Error(`tick: jobs failed: ${result.failedJobs.join(', ')}`);
  return result;
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
