/**
 * One server under test, in its own process so the load generator does not share
 * its event loop. Modes:
 *   koa     a bare Koa handler (the ceiling of the HTTP stack)
 *   crypto  the WeCom callback path without a database: verify, decrypt, parse,
 *           encrypt a passive reply (the real channel with an inbox that answers at once)
 *   bot     the real bot (createBot) against BENCH_DB on MONGODB_URI
 * Talks to bench/run.ts over IPC: sends {ready, port}; answers {cmd:'rss'} and {cmd:'tick', at}.
 */
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import Router from 'koa-router';
import { createBot } from '../src/app';
import { WecomChannel } from '../src/channels/wecom/wecom-channel';
import { loadWecomConfig } from '../src/channels/wecom/config';
import { systemClock } from '../src/kernel/clock';
import { loadConfig } from '../src/config';
import type { Receive } from '../src/kernel/inbound';
import { createLogger } from '../src/kernel/logger';
import mongoose from 'mongoose';
import { CANNED_REPLY } from './wecom-load';

type Request = { cmd: 'rss' } | { cmd: 'tick'; at: string } | { cmd: 'ops' };
type Handler = (request: Request) => Promise<unknown>;

const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function koaOnly(): Promise<{ app: Koa; handle: Handler }> {
  const app = new Koa();
  app.use((ctx) => {
    ctx.body = 'ok';
  });
  return { app, handle: async () => ({ rss_mb: peakRssMb() }) };
}

async function cryptoOnly(): Promise<{ app: Koa; handle: Handler }> {
  const config = loadConfig();
  const logger = createLogger(config.env.LOG_LEVEL);
  const wecom = loadWecomConfig(config.env);
  if (!wecom) throw new Error('bench server: WECOM_* variables are not set');
  const receive: Receive = async () => ({ kind: 'passive', replies: [{ text: CANNED_REPLY }] });
  const router = new Router();
  new WecomChannel(wecom, receive, systemClock, logger).mount(router);
  const app = new Koa({ proxy: true });
  app.use(router.routes());
  return { app, handle: async () => ({ rss_mb: peakRssMb() }) };
}

/** Database commands the bot sent, by name and collection ("find conversations"), and the documents they wrote (the driver's command monitoring). */
const ops = { commands: {} as Record<string, number>, written: 0 };
const WRITES: Record<string, string> = { insert: 'documents', update: 'updates', delete: 'deletes', findAndModify: '' };

async function fullBot(): Promise<{ app: Koa; handle: Handler }> {
  const config = loadConfig();
  const logger = createLogger(config.env.LOG_LEVEL);
  // As connectDatabase, plus command monitoring.
  await mongoose.connect(config.env.MONGODB_URI!, { dbName: process.env.BENCH_DB, serverSelectionTimeoutMS: 5000, autoIndex: false, monitorCommands: true });
  mongoose.connection.getClient().on('commandStarted', (event) => {
    const collection = event.command[event.commandName];
    const name = typeof collection === 'string' ? `${event.commandName} ${collection}` : event.commandName;
    ops.commands[name] = (ops.commands[name] ?? 0) + 1;
    const field = WRITES[event.commandName];
    if (field === undefined) return;
    ops.written += field ? ((event.command[field] as unknown[] | undefined)?.length ?? 0) : 1;
  });
  const bot = createBot(config, systemClock, logger);
  for (const channel of bot.channels.values()) await channel.start?.();
  bot.sender.start();
  return {
    app: bot.app,
    handle: async (request) => {
      if (request.cmd === 'rss') return { rss_mb: peakRssMb() };
      if (request.cmd === 'ops') return structuredClone(ops);
      const started = performance.now();
      const result = await bot.scheduler.tick(new Date(request.at));
      return { ms: performance.now() - started, jobs_ms: result.ms.jobs, delivered: result.delivered, failedJobs: result.failedJobs };
    },
  };
}

const modes = { koa: koaOnly, crypto: cryptoOnly, bot: fullBot };
const mode = process.argv[2] as keyof typeof modes;
if (!modes[mode] || !process.send) {
  process.stderr.write('usage: (spawned by bench/run.ts with IPC) server.ts koa|crypto|bot\n');
  process.exit(2);
}

const { app, handle } = await modes[mode]();
const server = app.listen(0, '127.0.0.1', () => {
  process.send!({ ready: true, port: (server.address() as AddressInfo).port });
});
process.on('message', (request: Request & { id: number }) => {
  handle(request).then(
    (result) => process.send!({ id: request.id, result }),
    (err: Error) => process.send!({ id: request.id, error: err.message }),
  );
});
process.on('disconnect', () => process.exit(0));
