import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import mongoose from 'mongoose';
import { createBot, type BotRuntime } from '../../src/app';
import { FixedClock } from '../../src/kernel/clock';
import { loadConfig } from '../../src/config';
import { CHANNEL_NAMES } from '../../src/channels';
import { parseRosterCsv } from '../../src/domain/roster/roster-csv';
import { createLogger } from '../../src/kernel/logger';
import { connectDatabase, ensureIndexes } from '../../src/store/mongo/connection';

export interface TestBot extends BotRuntime {
  url: string;
  clock: FixedClock;
  dbName: string;
  /** Sends a console message and returns the reply texts. */
  say(userId: string, text: string, messageId?: string): Promise<string[]>;
  /** What the bot pushed to a console user, oldest first. */
  outbox(userId: string): Promise<{ text: string; createdAt: string; buttons?: string[] }[]>;
  /** GETs a link the bot sent, as the console user `userId` opens it in the browser (cookie `console_user`, no identity in the link). */
  open(path: string, userId: string): Promise<Response>;
  post(path: string, body: string | Buffer, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export interface TestBotOptions {
  /** Reuse a database (e.g. to restart the bot on the data of an earlier one). */
  dbName?: string;
  now?: Date;
  env?: Record<string, string>;
  /** Roster CSV to import first; defaults to config/roster.example.csv. Pass null for none. */
  roster?: string | null;
  /** Collects the bot's log lines (JSON) here, at LOG_LEVEL info unless env sets another. */
  logLines?: string[];
}

export function uniqueDbName(): string {
  return `jsbot_test_${randomBytes(5).toString('hex')}`;
}

/** Starts the real bot on a free loopback port against the test database. */
export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new Error('MONGODB_URI is not set (global setup should have set it)');
  const dbName = options.dbName ?? uniqueDbName();
  const lines = options.logLines;
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: lines ? 'info' : 'silent', MONGODB_URI: uri, ...options.env });
  const clock = new FixedClock(options.now ?? new Date('2026-11-26T02:00:00Z'));
  const logger = createLogger(config.env.LOG_LEVEL, lines && { write: (line: string) => void lines.push(line) });
  if (mongoose.connection.readyState !== 0) await mongoose.disconnect();
  await connectDatabase(uri, dbName);
  await ensureIndexes();
  const runtime = createBot(config, clock, logger);
  const roster = options.roster === undefined ? readFileSync('config/roster.example.csv', 'utf8') : options.roster;
  if (roster) await runtime.services.roster.import(parseRosterCsv(roster, { agencies: new Set(config.agencies.map((a) => a.code)), channels: CHANNEL_NAMES }));
  for (const channel of runtime.channels.values()) await channel.start?.();
  const server: Server = await new Promise((resolve) => {
    const s = runtime.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const post = (path: string, body: string | Buffer, headers: Record<string, string> = {}) =>
    fetch(url + path, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

  return {
    ...runtime,
    url,
    clock,
    dbName,
    post,
    async say(userId, text, messageId) {
      const res = await post('/console/messages', JSON.stringify({ userId, text, messageId }));
      if (res.status !== 200) throw new Error(`console answered ${res.status}: ${await res.text()}`);
      const body = (await res.json()) as { replies: { text: string }[] };
      return body.replies.map((r) => r.text);
    },
    async outbox(userId) {
      const res = await fetch(`${url}/console/outbox?userId=${encodeURIComponent(userId)}`);
      if (res.status !== 200) throw new Error(`outbox answered ${res.status}`);
      // The newest page, oldest first as a chat shows it (the API answers newest first).
      return ((await res.json()) as { messages: { text: string; createdAt: string }[] }).messages.reverse();
    },
    open(path, userId) {
      return fetch(new URL(path, url), { headers: { cookie: `console_user=${encodeURIComponent(userId)}` } });
    },
    async close() {
      await new Promise((resolve) => server.close(resolve));
      server.closeAllConnections?.();
      await runtime.scheduler.stop();
      await runtime.sender.stop();
      for (const channel of runtime.channels.values()) await channel.stop?.();
      await mongoose.disconnect();
    },
  };
}
