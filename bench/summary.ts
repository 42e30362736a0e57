import { CONSOLE_HEADERS } from './console-auth';
import type { AppConfig } from '../src/config';
import { TEXTS } from '../src/conversation/texts';
import { rollups } from '../src/store/mongo/rollups';
import { seedClues, seedDocumentCases } from './seed';
import { Budget } from './budget';
import { opsPer, readOps } from './ops';
import type { ServerProcess } from './server-process';

const LEADER = 'c-sfj-0';
const REPEATS = 3;

/**
 * `概况` from a leader through /console, end to end, at 10k, 100k, 1M cases (half
 * clues, half deadline documents, over five years); the median of three after one
 * warm-up, within the budget (else null, and so are the larger sizes). Null when the build has no 概况 command.
 */
export async function measureSummary(
  bot: ServerProcess,
  config: AppConfig,
  clueKey: string,
  sizes: [string, number][],
  budgetMs: number,
  row: (name: string, value: string) => void,
): Promise<Record<string, number | null> | null> {
  if ((await ask(bot, '概况')).reply.includes(TEXTS.notUnderstood)) return null;
  const figures: Record<string, number | null> = Object.fromEntries(sizes.map(([name]) => [name, null]));
  let seeded = 0;
  for (const [name, size] of sizes) {
    await seedClues(clueKey, seeded / 2, size / 2);
    await seedDocumentCases(config, seeded / 2, size / 2);
    seeded = size;
    // Seeding wrote past the stores: the rollups are recomputed as after any bulk load (`rollups rebuild`).
    await rollups.rebuild();
    const budget = new Budget(budgetMs);
    const runs: number[] = [];
    let before = await readOps(bot);
    for (let i = 0; i <= REPEATS; i++) {
      const answer = await budget.run(ask(bot, '概况'));
      if (answer === null) return figures;
      if (i > 0) runs.push(answer.ms);
      else before = await readOps(bot); // the first is a warm-up
    }
    figures[name] = [...runs].sort((a, b) => a - b)[Math.floor(REPEATS / 2)]!;
    const per = opsPer(before, await readOps(bot), REPEATS);
    row(
      `summary: 概况 at ${name} cases`,
      `${figures[name]!.toFixed(0)} ms (runs ${runs.map((r) => r.toFixed(0)).join(', ')}); commands ${JSON.stringify(per.commands)}`,
    );
  }
  return figures;
}

async function ask(bot: ServerProcess, text: string): Promise<{ ms: number; reply: string }> {
  const started = performance.now();
  const res = await fetch(`${bot.url}/console/messages`, {
    method: 'POST',
    headers: CONSOLE_HEADERS,
    body: JSON.stringify({ userId: LEADER, text }),
  });
  const body = (await res.json()) as { replies?: { text: string }[] };
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`概况 answered ${res.status}`);
  return { ms, reply: (body.replies ?? []).map((r) => r.text).join('\n') };
}
