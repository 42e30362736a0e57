/**
 * npm run bench [-- --quick] [-- --keep]
 * Baselines and the bot's own figures in one run, on one fresh database of
 * MONGODB_URI; prints a table and, as its last line, one JSON object (issue 8).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import type autocannon from 'autocannon';
import mongoose from 'mongoose';
import { loadConfig } from '../src/config';
import { connectDatabase, ensureIndexes, startEmbeddedMongo } from '../src/store/connection';
import { measureClues } from './clues';
import { measureInsertRate } from './db-insert';
import { load, CONNECTIONS, type LoadResult } from './load';
import { startServer, type ServerMode, type ServerProcess } from './server-process';
import { measureSummary } from './summary';
import { measureTicks } from './tick';
import { seedCountyRoster, seedWecomUsers, removeWecomUsers } from './seed';
import { ReplyCheck, WECOM_ENV, callbackRequests, prepareCallbacks } from './wecom-load';
import { countStored, measureWebhook } from './webhook';

const quick = process.argv.includes('--quick');
const keep = process.argv.includes('--keep');
const SECONDS = quick ? { warm: 1, run: 4 } : { warm: 3, run: 15 };
const SIZES = { '10k': 10_000, '100k': 100_000, '1m': 1_000_000 } as const;
type Size = keyof typeof SIZES;
const sizes: Size[] = quick ? ['10k'] : ['10k', '100k', '1m'];

const round = (n: number | null | undefined, digits = 0) => (n === null || n === undefined ? null : Number(n.toFixed(digits)));
const notes: string[] = [];
const table: [string, string][] = [];
const row = (name: string, value: string) => {
  table.push([name, value]);
  process.stderr.write(`  ${name.padEnd(34)} ${value}\n`);
};
const step = (text: string) => process.stderr.write(`\n${text}\n`);

async function databaseUri(): Promise<{ uri: string; stop?: () => Promise<void> }> {
  if (process.env.MONGODB_URI) return { uri: process.env.MONGODB_URI };
  const embedded = await startEmbeddedMongo(mkdtempSync(join(tmpdir(), 'jsbot-bench-mongo-')));
  notes.push('MONGODB_URI not set: ran against an embedded MongoDB');
  return embedded;
}

async function withServer<T>(mode: ServerMode, env: Record<string, string>, logFile: string, run: (server: ServerProcess) => Promise<T>): Promise<T> {
  const server = await startServer(mode, env, logFile);
  try {
    return await run(server);
  } finally {
    await server.stop();
  }
}

function describeLoad(result: LoadResult): string {
  const extra = result.non2xx || result.errors ? `, ${result.non2xx} non-2xx, ${result.errors} errors` : '';
  return `${Math.round(result.rps)} req/s, p50 ${result.p50_ms} ms, p99 ${result.p99_ms} ms${extra}`;
}

async function main(): Promise<void> {
  const started = performance.now();
  const database = await databaseUri();
  const dbName = `jsbot_bench_${new Date().toISOString().slice(0, 10).replace(/-/g, '')}_${randomBytes(3).toString('hex')}`;
  const logDir = mkdtempSync(join(tmpdir(), 'jsbot-bench-'));
  const clueKey = randomBytes(32).toString('base64');
  const env: Record<string, string> = {
    ...WECOM_ENV,
    MONGODB_URI: database.uri,
    BENCH_DB: dbName,
    NODE_ENV: 'production',
    CONSOLE_ENABLED: 'true',
    SCHEDULER_ENABLED: 'false',
    LOG_LEVEL: 'info',
    CLUE_ENCRYPTION_KEY: clueKey,
  };
  const config = loadConfig({ ...process.env, ...env });
  await connectDatabase(database.uri, dbName);
  await ensureIndexes();
  const buildInfo = await mongoose.connection.db!.admin().buildInfo();
  const dbVersion = buildInfo.ferretdbVersion ? `FerretDB ${buildInfo.ferretdbVersion}` : `MongoDB ${buildInfo.version}`;
  process.stderr.write(
    `bench ${quick ? '(quick) ' : ''}${new Date().toISOString()} · ${cpus().length}× ${cpus()[0]?.model.trim()} · ${Math.round(totalmem() / 2 ** 30)} GiB · Node ${process.version} · ${dbVersion} · db ${dbName} · ${CONNECTIONS} connections · logs ${logDir}\n`,
  );

  const log = (name: string) => join(logDir, `${name}.log`);
  const loadFor = (url: string, seconds: number, requests?: autocannon.Request[]) => load({ url, duration: seconds, requests });

  step('baselines');
  const koa = await withServer('koa', env, log('koa'), async (server) => {
    await loadFor(server.url, SECONDS.warm);
    return loadFor(server.url, SECONDS.run);
  });
  row('bare Koa', describeLoad(koa));

  const cryptoPool = prepareCallbacks(Array.from({ length: 1000 }, (_, i) => `wx${i}`), 20_000, '帮助', 7_000_000_000_000_000_000n);
  const cryptoCheck = new ReplyCheck(50);
  const crypto = await withServer('crypto', env, log('crypto'), async (server) => {
    await loadFor(server.url, SECONDS.warm, callbackRequests(cryptoPool, cryptoCheck));
    return loadFor(server.url, SECONDS.run, callbackRequests(cryptoPool, cryptoCheck));
  });
  if (cryptoCheck.failed || cryptoCheck.checked === 0) throw new Error(`crypto baseline: ${cryptoCheck.failed} of ${cryptoCheck.checked} sampled replies did not verify`);
  row('WeCom crypto path, no database', `${describeLoad(crypto)} (${((100 * crypto.rps) / koa.rps).toFixed(1)} % of Koa)`);

  await measureInsertRate(SECONDS.warm);
  const insert = await measureInsertRate(SECONDS.run);
  row('database insertOne', `${Math.round(insert.rps)} writes/s (${CONNECTIONS} concurrent writers)`);

  step('the bot');
  const officers = await seedCountyRoster(config);
  const wecomUsers = await seedWecomUsers(config, 10_000);
  const figures = await withServer('bot', env, log('bot'), async (bot) => {
    const webhook = await measureWebhook(bot, wecomUsers, SECONDS);
    if (webhook) {
      const stored = await countStored();
      if (stored < webhook.answered) throw new Error(`webhook: ${webhook.answered} answered 200 but only ${stored} stored`);
      row('webhook (full pipeline)', `${describeLoad(webhook.load)}, peak RSS ${webhook.rss_mb} MB`);
      row('  vs database insertOne', `${((100 * webhook.load.rps) / insert.rps).toFixed(1)} % (target ≥ 40 %)`);
      row('  vs crypto path', `${((100 * webhook.load.rps) / crypto.rps).toFixed(1)} %`);
      row('  replies checked', `${webhook.checked} sampled passive replies verified and decrypted; ${stored} messages stored`);
    } else notes.push('webhook: the WeCom channel is not mounted in this build');
    await removeWecomUsers();

    const clueRps = await measureClues(bot, officers, SECONDS);
    if (clueRps !== null) row('clue submit + 确认 via /console', `${clueRps.toFixed(1)} clues/s`);
    else notes.push('clue_rps: the clue bot does not answer 提交线索 in this build');

    const ticks = await measureTicks(bot, config, sizes.map((s) => [s, SIZES[s]]), row);
    const summary = await measureSummary(bot, config, clueKey, sizes.map((s) => [s, SIZES[s]]), row);
    if (!summary) notes.push('summary: the 概况 command is not available in this build');
    return { webhook, clueRps, ticks, summary };
  });

  if (!keep) await mongoose.connection.db!.dropDatabase();
  await mongoose.disconnect();
  await database.stop?.();
  process.stdout.write(`\n${table.map(([name, value]) => `${name.padEnd(34)} ${value}`).join('\n')}\n`);
  for (const note of notes) process.stdout.write(`note: ${note}\n`);
  process.stdout.write(`done in ${Math.round((performance.now() - started) / 1000)} s\n`);

  const bySize = (values: Partial<Record<Size, number>> | null) =>
    Object.fromEntries((Object.keys(SIZES) as Size[]).map((s) => [s, round(values?.[s] ?? null, 1)]));
  const w = figures.webhook;
  const result = {
    webhook: { rps: round(w?.load.rps), p50_ms: round(w?.load.p50_ms, 1), p99_ms: round(w?.load.p99_ms, 1), rss_mb: round(w?.rss_mb) },
    baselines: { koa_rps: round(koa.rps), crypto_rps: round(crypto.rps), db_insert_rps: round(insert.rps) },
    tick_ms: bySize(figures.ticks),
    summary_ms: bySize(figures.summary),
    clue_rps: round(figures.clueRps, 1),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
