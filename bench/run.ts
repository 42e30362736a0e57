/**
 * npm run bench [-- --quick] [--only=baselines,webhook,clues,tick,summary] [--budget=<s>] [--profile] [--keep]
 * Baselines and the bot's own figures in one run, each part on a fresh database
 * of MONGODB_URI; prints a table and, as its last line, one JSON object (issue 8).
 *   --quick    short loads and the 10k sizes only (100k/1m are null); under 60 s when the bot meets its targets
 *   --only     run only these parts (the others are null)
 *   --budget   seconds one size of clue/tick/summary may take (default 8 with --quick, else 300)
 *   --profile  write V8 CPU profiles of the servers (node --cpu-prof) next to their logs
 *   --keep     keep the data afterwards (its collections are dropped otherwise)
 *   --history  stored conversations before the second webhook run (default 1,000,000; 100,000 with --quick)
 *   --sizes    the sizes of the tick and summary parts, e.g. --sizes=10k,1m (default 10k,100k,1m; 10k with --quick)
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import type autocannon from 'autocannon';
import mongoose from 'mongoose';
import { loadConfig } from '../src/config';
import { connectDatabase, ensureIndexes } from '../src/store/mongo/connection';
import { startLocalDatabase } from '../src/store/mongo/local-database';
import { Budget } from './budget';
import { CONSOLE_TOKEN } from './console-auth';
import { dropCollections } from './cleanup';
import { measureClues } from './clues';
import { DATABASE_PATTERNS, type DatabasePattern, type DatabaseRate, measureDatabaseAlone } from './db-alone';
import { load, CONNECTIONS, type LoadResult } from './load';
import { startServer, type ServerMode, type ServerProcess } from './server-process';
import { measureSummary } from './summary';
import { measureTicks, type TickFigures } from './tick';
import { seedConversations, seedCountyRoster, seedWecomUsers } from './seed';
import type { Person } from '../src/kernel/people';
import { startFakeWecomApi } from '../tests/support/fake-wecom-api';
import { ReplyCheck, WECOM_ENV, WECOM_SECRETS, callbackRequests, prepareCallbacks } from './wecom-load';
import { measureWebhook, measureWritesPerMessage, type PerMessage, WebhookUnanswered } from './webhook';

const PARTS = ['baselines', 'webhook', 'clues', 'tick', 'summary'] as const;
type Part = (typeof PARTS)[number];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const keep = args.includes('--keep');
const profile = args.includes('--profile');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const runs = (part: Part) => !only || only.includes(part);
const SECONDS = quick ? { warm: 1, run: 3 } : { warm: 3, run: 15 };
/** How long the runs of one size of tick or summary may take before it is reported as null (too slow to wait for). */
const budgetArg = args.find((a) => a.startsWith('--budget='));
const SIZE_BUDGET_MS = budgetArg ? Number(budgetArg.slice('--budget='.length)) * 1000 : quick ? 8_000 : 5 * 60_000;
const SIZES = { '10k': 10_000, '100k': 100_000, '1m': 1_000_000 } as const;
type Size = keyof typeof SIZES;
const historyArg = args.find((a) => a.startsWith('--history='));
const HISTORY = historyArg ? Number(historyArg.slice('--history='.length)) : quick ? 100_000 : 1_000_000;
const sizesArg = args.find((a) => a.startsWith('--sizes='));
const sizes: [Size, number][] = (
  sizesArg ? (sizesArg.slice('--sizes='.length).split(',') as Size[]) : quick ? (['10k'] as const) : (['10k', '100k', '1m'] as const)
).map((s) => {
  if (!(s in SIZES)) throw new Error(`bench: --sizes takes ${Object.keys(SIZES).join(',')}`);
  return [s, SIZES[s]];
});

const round = (n: number | null | undefined, digits = 0) => (n === null || n === undefined ? null : Number(n.toFixed(digits)));
const notes: string[] = [];
const table: string[] = [];
const startedAt = performance.now();
const progress = (line: string) => process.stderr.write(`[${String(Math.round((performance.now() - startedAt) / 1000)).padStart(4)} s] ${line}\n`);
const row = (name: string, value: string) => {
  const line = `${name.padEnd(38)} ${value}`;
  table.push(line);
  progress(line);
};
const note = (text: string) => {
  notes.push(text);
  progress(`note: ${text}`);
};

async function databaseUri(): Promise<{ uri: string; stop?: () => Promise<void> }> {
  if (process.env.MONGODB_URI) return { uri: process.env.MONGODB_URI };
  const local = await startLocalDatabase(mkdtempSync(join(tmpdir(), 'jsbot-bench-db-')), { throwAway: true });
  note(`MONGODB_URI not set: ran against ${local.kind}`);
  return local;
}

/** A webhook run that got no answer at all is a null figure with a note, not the end of the whole bench. */
function unanswered(what: string): (err: unknown) => null {
  return (err) => {
    if (!(err instanceof WebhookUnanswered)) throw err;
    note(`${what}: ${err.message}`);
    return null;
  };
}

function describeLoad(result: LoadResult): string {
  const extra = result.non2xx || result.errors ? `, ${result.non2xx} non-2xx, ${result.errors} errors` : '';
  return `${Math.round(result.rps)} req/s, p50 ${result.p50_ms} ms, p99 ${result.p99_ms} ms${extra}`;
}

async function main(): Promise<void> {
  const database = await databaseUri();
  const dbName = `jsbot_bench_${new Date().toISOString().slice(0, 10).replace(/-/g, '')}_${randomBytes(3).toString('hex')}`;
  const logDir = mkdtempSync(join(tmpdir(), 'jsbot-bench-'));
  const clueKey = randomBytes(32).toString('base64');
  // The bot's pushes (the parts of a reply longer than a passive answer, reminders) need a WeCom API to go to: one
  // that is not there makes the outbox retry for the whole run and counts those retries as the bot's own work.
  const wecomApi = await startFakeWecomApi({ corpId: WECOM_SECRETS.corpId, secret: WECOM_ENV.WECOM_SECRET });
  const env: Record<string, string> = {
    ...WECOM_ENV,
    WECOM_API_BASE: wecomApi.baseUrl,
    MONGODB_URI: database.uri,
    BENCH_DB: dbName,
    NODE_ENV: 'production',
    CONSOLE_ENABLED: 'true',
    CONSOLE_TOKEN,
    SCHEDULER_ENABLED: 'false',
    LOG_LEVEL: 'info',
    CLUE_ENCRYPTION_KEY: clueKey,
    SIGN_IN_KEY: randomBytes(32).toString('base64'),
  };
  const config = loadConfig({ ...process.env, ...env });
  await connectDatabase(database.uri, dbName);
  const buildInfo = await mongoose.connection.db!.admin().buildInfo();
  const dbVersion = buildInfo.ferretdbVersion ? `FerretDB ${buildInfo.ferretdbVersion}` : `MongoDB ${buildInfo.version}`;
  const header =
    `bench${quick ? ' --quick' : ''} ${new Date().toISOString()} · ${cpus().length}× ${cpus()[0]?.model.trim()} · ` +
    `${Math.round(totalmem() / 2 ** 30)} GiB · Node ${process.version} · ${dbVersion} · ${CONNECTIONS} connections · db ${dbName} · logs ${logDir}`;
  process.stderr.write(`${header}\n`);

  const server = async <T>(mode: ServerMode, name: string, work: (server: ServerProcess) => Promise<T>): Promise<T> => {
    progress(`starting the ${mode} server`);
    const child = await startServer(
      mode,
      { ...env, BENCH_DB: mongoose.connection.db!.databaseName },
      join(logDir, `${name}.log`),
      profile ? logDir : undefined,
    );
    try {
      return await work(child);
    } finally {
      await child.stop();
    }
  };
  /** Each part on its own fresh database (`<db>_<part>`) with the county roster, emptied afterwards unless --keep. */
  const onFreshDatabase = async <T>(part: string, work: (officers: Person[]) => Promise<T>): Promise<T> => {
    progress(`${part}: fresh database`);
    await mongoose.disconnect();
    await connectDatabase(database.uri, `${dbName}_${part}`);
    await ensureIndexes();
    try {
      return await work(await seedCountyRoster(config));
    } finally {
      // A part cut off by its budget may still be running inside the database; its leftovers are only noted.
      if (!keep) await dropCollections(mongoose.connection.db!).catch((err: Error) => note(`could not empty ${part}'s database: ${err.name}`));
    }
  };
  const loadFor = (url: string, seconds: number, requests?: autocannon.Request[]) => load({ url, duration: seconds, requests });

  let koa: LoadResult | null = null;
  let crypto: LoadResult | null = null;
  let insertRps: number | null = null;
  let databaseAlone: Record<DatabasePattern, DatabaseRate> | null = null;
  if (runs('baselines')) {
    koa = await server('koa', 'koa', async (s) => {
      await loadFor(s.url, SECONDS.warm);
      return loadFor(s.url, SECONDS.run);
    });
    row('baseline: bare Koa', describeLoad(koa));

    const pool = prepareCallbacks(
      Array.from({ length: 1000 }, (_, i) => `wx${i}`),
      20_000,
      '帮助',
      7_000_000_000_000_000_000n,
    );
    const check = new ReplyCheck(50);
    crypto = await server('crypto', 'crypto', async (s) => {
      await loadFor(s.url, SECONDS.warm, callbackRequests(pool, check));
      return loadFor(s.url, SECONDS.run, callbackRequests(pool, check));
    });
    if (check.failed || check.checked === 0) throw new Error(`crypto baseline: ${check.failed} of ${check.checked} sampled replies did not verify`);
    row('baseline: WeCom crypto, no database', `${describeLoad(crypto)} (${((100 * crypto.rps) / koa.rps).toFixed(1)} % of Koa)`);

    databaseAlone = await onFreshDatabase('insert', async () => {
      const rates = {} as Record<DatabasePattern, DatabaseRate>;
      for (const pattern of DATABASE_PATTERNS) {
        await measureDatabaseAlone(pattern, SECONDS.warm);
        rates[pattern] = await measureDatabaseAlone(pattern, SECONDS.run);
      }
      return rates;
    });
    insertRps = databaseAlone.insert.rps;
    row(
      'baseline: database insertOne',
      `${Math.round(insertRps)} writes/s, p50 ${databaseAlone.insert.p50_ms} ms, p99 ${databaseAlone.insert.p99_ms} ms (${CONNECTIONS} concurrent writers)`,
    );
    for (const pattern of ['insert+insert', 'insert+update', 'message'] as const) {
      const rate = databaseAlone[pattern];
      row(
        `  database alone: ${pattern}`,
        `${Math.round(rate.rps)} rounds/s, p50 ${rate.p50_ms} ms, p99 ${rate.p99_ms} ms (${((100 * rate.rps) / insertRps).toFixed(1)} % of insertOne)`,
      );
    }
  }

  let webhook: Awaited<ReturnType<typeof measureWebhook>> = null;
  let afterHistory: Awaited<ReturnType<typeof measureWebhook>> = null;
  let perMessage: PerMessage | null = null;
  if (runs('webhook')) {
    [webhook, afterHistory] = await onFreshDatabase('webhook', async () => {
      const users = await seedWecomUsers(config, 10_000);
      return server('bot', 'bot-webhook', async (bot) => {
        perMessage = await measureWritesPerMessage(bot, users).catch(unanswered('writes per message'));
        if (perMessage)
          row(
            '  per message, one at a time',
            `${perMessage.writes_per_message} documents written; commands ${JSON.stringify(perMessage.commands_per_message)}`,
          );
        const empty = await measureWebhook(bot, users, SECONDS).catch(unanswered('webhook (empty database)'));
        if (!empty || HISTORY === 0) return [empty, null] as const;
        progress(`webhook: storing ${HISTORY} conversations`);
        const seeded = performance.now();
        await seedConversations(HISTORY);
        progress(`webhook: stored ${HISTORY} conversations in ${Math.round((performance.now() - seeded) / 1000)} s`);
        return [empty, await measureWebhook(bot, users, SECONDS).catch(unanswered(`webhook after ${HISTORY} conversations`))] as const;
      });
    });
    if (webhook) {
      row('webhook: full pipeline', `${describeLoad(webhook.load)}, peak RSS ${webhook.rss_mb} MB`);
      if (insertRps) row('  ÷ database insertOne', `${((100 * webhook.load.rps) / insertRps).toFixed(1)} % (target ≥ 40 %)`);
      if (crypto) row('  ÷ crypto path', `${((100 * webhook.load.rps) / crypto.rps).toFixed(1)} %`);
      row('  checks', `${webhook.checked} sampled passive replies verified; ${webhook.pushed} answered empty (pushed later); ${webhook.stored} stored`);
      row('  per message', `${webhook.writes_per_message} documents written; commands ${JSON.stringify(webhook.commands_per_message)}`);
    } else if (!notes.some((n) => n.startsWith('webhook (empty database)'))) note('webhook: the WeCom channel is not mounted in this build');
    if (afterHistory && webhook) {
      row(`webhook after ${HISTORY} stored conversations`, `${describeLoad(afterHistory.load)}, peak RSS ${afterHistory.rss_mb} MB`);
      row('  ÷ empty-database figure', `${((100 * afterHistory.load.rps) / webhook.load.rps).toFixed(1)} % (target ≥ 80 %)`);
      row('  per message', `${afterHistory.writes_per_message} documents written; commands ${JSON.stringify(afterHistory.commands_per_message)}`);
    }
  }

  let clueRps: number | null = null;
  if (runs('clues')) {
    const measured = await onFreshDatabase('clues', (officers) =>
      server('bot', 'bot-clues', (bot) => new Budget(SIZE_BUDGET_MS).run(measureClues(bot, officers, SECONDS))),
    );
    if (measured === null) note(`clue_rps: not finished within ${SIZE_BUDGET_MS / 1000} s, reported null`);
    else if (measured.rps === null) note('clue_rps: the clue bot does not answer 提交线索 in this build');
    else {
      clueRps = measured.rps;
      const timeouts = measured.timeouts ? `; ${measured.timeouts} requests over 10 s` : '';
      row('clues: 提交线索：… + 确认, /console', `${clueRps.toFixed(1)} clues/s (${measured.stored} stored in ${measured.seconds} s${timeouts})`);
      if (measured.perClue) row('  per clue', `${measured.perClue.written} documents written; commands ${JSON.stringify(measured.perClue.commands)}`);
    }
  }

  let ticks: TickFigures | null = null;
  if (runs('tick')) {
    ticks = await onFreshDatabase('tick', () => server('bot', 'bot-tick', (bot) => measureTicks(bot, config, sizes, SIZE_BUDGET_MS, row)));
    for (const [name, ms] of Object.entries(ticks.total))
      if (ms === null) note(`tick at ${name}: not finished within ${SIZE_BUDGET_MS / 1000} s, reported null`);
  }

  let summary: Record<string, number | null> | null = null;
  if (runs('summary')) {
    summary = await onFreshDatabase('summary', () => server('bot', 'bot-summary', (bot) => measureSummary(bot, config, clueKey, sizes, SIZE_BUDGET_MS, row)));
    if (!summary) note('summary: the 概况 command is not available in this build');
    else
      for (const [name, ms] of Object.entries(summary))
        if (ms === null) note(`summary at ${name}: not finished within ${SIZE_BUDGET_MS / 1000} s, reported null`);
  }

  await mongoose.disconnect();
  await database.stop?.();
  await wecomApi.close();

  const bySize = (values: Record<string, number | null> | null) =>
    Object.fromEntries((Object.keys(SIZES) as Size[]).map((s) => [s, round(values?.[s] ?? null, 1)]));
  const w = webhook as Awaited<ReturnType<typeof measureWebhook>>;
  const pm = perMessage as PerMessage | null;
  const result = {
    webhook: { rps: round(w?.load.rps), p50_ms: round(w?.load.p50_ms, 1), p99_ms: round(w?.load.p99_ms, 1), rss_mb: round(w?.rss_mb) },
    webhook_after_1m: afterHistory
      ? { conversations: HISTORY, rps: round(afterHistory.load.rps), p50_ms: round(afterHistory.load.p50_ms, 1), p99_ms: round(afterHistory.load.p99_ms, 1) }
      : null,
    writes_per_message: pm ? pm.writes_per_message : w ? w.writes_per_message : null,
    baselines: {
      koa_rps: round(koa?.rps),
      crypto_rps: round(crypto?.rps),
      db_insert_rps: round(insertRps),
      db_insert_insert_rps: round(databaseAlone?.['insert+insert'].rps),
      db_insert_update_rps: round(databaseAlone?.['insert+update'].rps),
      db_message: databaseAlone && { rps: round(databaseAlone.message.rps), p50_ms: databaseAlone.message.p50_ms, p99_ms: databaseAlone.message.p99_ms },
    },
    tick_ms: bySize(ticks?.total ?? null),
    tick_jobs_ms: bySize(ticks?.jobs ?? null),
    tick_database_alone: ticks?.databaseAlone ? { rows: ticks.databaseAlone.rows, ms: round(ticks.databaseAlone.ms) } : null,
    summary_ms: bySize(summary),
    clue_rps: round(clueRps, 1),
  };
  const lines = [header, ...table, ...notes.map((n) => `note: ${n}`), `done in ${Math.round((performance.now() - startedAt) / 1000)} s`];
  process.stdout.write(`\n${lines.join('\n')}\n${JSON.stringify(result)}\n`);
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
