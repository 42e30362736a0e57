import type { AppConfig } from '../src/config';
import { ClaimModel } from '../src/store/mongo/models/claim';
import { OutboxModel } from '../src/store/mongo/models/outbox';
import { rollups } from '../src/store/mongo/rollups';
import { seedDueDeadlines, seedOpenDeadlines, tickInstant } from './seed';
import { Budget } from './budget';
import { mapAtOnce } from '../src/kernel/at-once';
import type { ServerProcess } from './server-process';

const DUE = 100;
const REPEATS = 3;
const DAY_MS = 86_400_000;

interface TickReply {
  ms: number;
  /** Of `ms`, the jobs (what is due, written to the outbox); the rest is delivering the rows. */
  jobs_ms: number;
  delivered: number;
  failedJobs: string[];
}

export interface TickFigures {
  /** The whole tick (jobs, then delivering every row they wrote), median of three, by size. */
  total: Record<string, number | null>;
  /** The jobs alone, by size. */
  jobs: Record<string, number | null>;
  /** The database alone writing the rows one tick wrote (by reminder, 8 at once) and marking each sent (a claim insert and an update). */
  databaseAlone: { rows: number; ms: number } | null;
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
): Promise<TickFigures> {
  const at = tickInstant(config);
  const figures: TickFigures = {
    total: Object.fromEntries(sizes.map(([name]) => [name, null])),
    jobs: Object.fromEntries(sizes.map(([name]) => [name, null])),
    databaseAlone: null,
  };
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
    const runs: TickReply[] = [];
    let rows = 0;
    for (let i = 0; i < REPEATS; i++) {
      await seedDueDeadlines(config, DUE);
      const result = await budget.run(tick(bot, at));
      if (result === null) return figures;
      rows = await checkReminders();
      runs.push(result);
    }
    figures.total[name] = median(runs.map((r) => r.ms));
    figures.jobs[name] = median(runs.map((r) => r.jobs_ms));
    row(
      `tick: ${name} open deadlines, ${DUE} due`,
      `${figures.total[name]!.toFixed(0)} ms (runs ${runs.map((r) => r.ms.toFixed(0)).join(', ')}); jobs ${figures.jobs[name]!.toFixed(0)} ms, ` +
        `delivering ${rows} rows the rest`,
    );
    if (!figures.databaseAlone) {
      figures.databaseAlone = { rows, ms: await writeAndMarkRows(rows) };
      row('  database alone: the same rows', `${figures.databaseAlone.ms.toFixed(0)} ms to write ${rows} rows (by reminder, 8 at once) and mark each sent`);
    }
  }
  return figures;
}

/**
 * The least any design that keeps one outbox row per recipient asks of the database for one tick's reminders:
 * the rows inserted one batch per reminder, then per row a claim insert and an update, 8 at once, into scratch
 * collections. Nothing of the bot runs.
 */
async function writeAndMarkRows(rows: number): Promise<number> {
  const db = OutboxModel.db.db!;
  const [outbox, claims] = [db.collection('bench_rows'), db.collection('bench_row_claims')];
  const perReminder = Math.max(1, Math.round(rows / DUE));
  const keys = Array.from({ length: rows }, (_, i) => `bench:${i}`);
  const batches = Array.from({ length: Math.ceil(rows / perReminder) }, (_, b) => keys.slice(b * perReminder, (b + 1) * perReminder));
  const started = performance.now();
  await mapAtOnce(batches, 8, (batch) =>
    outbox.insertMany(batch.map((key) => ({ _id: key as never, key, status: 'pending', message: { text: '期限提醒'.repeat(40) }, nextAttemptAt: new Date() }))),
  );
  await mapAtOnce(keys, 8, async (key) => {
    await claims.insertOne({ _id: `outbox:${key}#1` as never, value: 'sending', at: new Date() });
    await outbox.updateOne({ _id: key as never }, { $set: { status: 'sent', sentAt: new Date() } });
  });
  const ms = performance.now() - started;
  await Promise.all([outbox.drop(), claims.drop()]);
  return ms;
}

async function tick(bot: ServerProcess, at: Date): Promise<TickReply> {
  const result = await bot.request<TickReply>({ cmd: 'tick', at: at.toISOString() });
  if (result.failedJobs.length) throw new Error(`tick: jobs failed: ${result.failedJobs.join(', ')}`);
  return result;
}

/** Exactly the due items were reminded; then their rows and claims go, so the next run does the same work. Returns the rows the tick wrote. */
async function checkReminders(): Promise<number> {
  const due = await OutboxModel.countDocuments({ key: { $regex: '^remind:[A-Z]+-\\d+-D' } });
  const others = await OutboxModel.countDocuments({ key: { $regex: '^remind:[A-Z]+-\\d+-S' } });
  if (due < DUE || others > 0) throw new Error(`tick: ${due} reminders for the ${DUE} due items, ${others} for items not due`);
  // Their delivery claims go too: a row written again under the same key would otherwise be held by the last run's claim.
  await ClaimModel.collection.deleteMany({ _id: { $regex: '^outbox:(remind|escalate):' } as never });
  return (await OutboxModel.collection.deleteMany({ key: { $regex: '^(remind|escalate):' } })).deletedCount;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
