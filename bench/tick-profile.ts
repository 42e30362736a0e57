/**
 * npx tsx bench/tick-profile.ts [open] — one scheduler tick over `open` seeded deadlines (default 10,000) of which
 * 100 are due, job by job, with the database commands each sent and their time (the driver's command monitoring).
 * Where the tick's time goes; on a fresh database of MONGODB_URI whose collections are dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { createBot } from '../src/app';
import { loadConfig } from '../src/config';
import { FixedClock } from '../src/kernel/clock';
import { createLogger } from '../src/kernel/logger';
import { ensureIndexes } from '../src/store/mongo/connection';
import type { ScheduledJob } from '../src/scheduler/scheduler';
import { dropCollections } from './cleanup';
import { seedCountyRoster, seedDueDeadlines, seedOpenDeadlines, tickInstant } from './seed';

const open = Number(process.argv[2] ?? 10_000);
const config = loadConfig({ ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent', CLUE_ENCRYPTION_KEY: randomBytes(32).toString('base64') });
await mongoose.connect(process.env.MONGODB_URI!, { dbName: `jsbot_tickprof_${randomBytes(3).toString('hex')}`, autoIndex: false, monitorCommands: true });
const pending = new Map<number, { name: string; started: number }>();
let costs = new Map<string, { n: number; ms: number }>();
const client = mongoose.connection.getClient();
client.on('commandStarted', (e) => pending.set(e.requestId, { name: `${e.commandName} ${String(e.command[e.commandName])}`, started: performance.now() }));
const done = (e: { requestId: number }) => {
  const p = pending.get(e.requestId);
  if (!p) return;
  pending.delete(e.requestId);
  const c = costs.get(p.name) ?? { n: 0, ms: 0 };
  c.n++;
  c.ms += performance.now() - p.started;
  costs.set(p.name, c);
};
client.on('commandSucceeded', done);
client.on('commandFailed', done);
try {
  await ensureIndexes();
  await seedCountyRoster(config);
  await seedOpenDeadlines(config, 0, open - 100);
  await seedDueDeadlines(config, 100);
  const at = tickInstant(config);
  const bot = createBot(config, new FixedClock(at), createLogger('silent'));
  const jobs = (bot.scheduler as unknown as { jobs: ScheduledJob[] }).jobs;
  const report = (name: string, ms: number) => {
    const top = [...costs.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 4);
    process.stdout.write(`${name.padEnd(28)} ${ms.toFixed(0).padStart(7)} ms  ${top.map(([k, c]) => `${k} ×${c.n} ${c.ms.toFixed(0)} ms`).join('; ')}\n`);
    costs = new Map();
  };
  process.stdout.write(`${open} open deadlines, 100 due, tick at ${at.toISOString()}\n`);
  for (const job of jobs) {
    const started = performance.now();
    await job.run(at);
    report(job.name, performance.now() - started);
  }
  const started = performance.now();
  const delivered = await bot.sender.deliverDue();
  report(`deliver (${delivered} rows)`, performance.now() - started);
} finally {
  await dropCollections(mongoose.connection.db!);
  await mongoose.disconnect();
}
