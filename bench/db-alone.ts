import { randomBytes } from 'node:crypto';
import type { mongo } from 'mongoose';
import { ConversationModel } from '../src/store/mongo/models/conversation';
import { RosterStampModel } from '../src/store/mongo/models/roster-stamp';
import { SessionModel } from '../src/store/mongo/models/session';
import { CONNECTIONS } from './load';
import { CANNED_REPLY } from './wecom-load';

/**
 * What the database alone does per message, CONNECTIONS loops at once through the same driver into the same
 * collections and indexes as the inbox, with no bot, HTTP or crypto:
 *   insert         insertOne of a message-sized document (an inbound message with its reply): the baseline
 *   insert+insert  that insert, then a second insert (a reply stored as its own document): the cheapest form
 *                  of issue 17 item 3's "one insert plus at most one more single-document write"
 *   insert+update  that insert, then one update of it by _id: the same allowance as the inbox uses it
 *   message        the commands the bot sends per `帮助` (bench "per message"): the roster stamp and the
 *                  session read by _id, the insert, the update storing the replies
 * A bot that sends these commands cannot answer faster than the `message` figure on this database.
 */
export const DATABASE_PATTERNS = ['insert', 'insert+insert', 'insert+update', 'message'] as const;
export type DatabasePattern = (typeof DATABASE_PATTERNS)[number];

export interface DatabaseRate {
  rps: number;
  /** Latency of one loop round (one message's commands), in ms. */
  p50_ms: number;
  p99_ms: number;
}

const inbound = (runId: string, w: number, i: number) => ({
  channel: 'wecom',
  platformMessageId: `bench-db-${runId}-${w}-${i}`,
  userId: `bench-db-${w}`,
  direction: 'in',
  kind: 'text',
  text: '帮助',
  receivedAt: new Date(),
  status: 'processing',
});

const ROUNDS: Record<DatabasePattern, (runId: string, w: number, i: number) => Promise<void>> = {
  insert: async (runId, w, i) => {
    await conversations().insertOne({ ...inbound(runId, w, i), status: 'done', delivery: 'passive', replies: [{ text: CANNED_REPLY }], repliedAt: new Date() });
  },
  'insert+insert': async (runId, w, i) => {
    await conversations().insertOne(inbound(runId, w, i));
    await conversations().insertOne({
      ...inbound(runId, w, i),
      platformMessageId: `bench-db-${runId}-${w}-${i}:reply`,
      direction: 'out',
      replies: [{ text: CANNED_REPLY }],
    });
  },
  'insert+update': async (runId, w, i) => {
    const { insertedId } = await conversations().insertOne(inbound(runId, w, i));
    await conversations().updateOne(
      { _id: insertedId },
      { $set: { status: 'done', delivery: 'passive', replies: [{ text: CANNED_REPLY }], repliedAt: new Date() } },
    );
  },
  message: async (runId, w, i) => {
    await RosterStampModel.collection.findOne({ _id: 'roster' as never });
    await SessionModel.collection.findOne({ _id: `wecom:bench-db-${w}` as never });
    await ROUNDS['insert+update'](runId, w, i);
  },
};

const conversations = () => ConversationModel.collection as unknown as mongo.Collection;

export async function measureDatabaseAlone(pattern: DatabasePattern, seconds: number): Promise<DatabaseRate> {
  const runId = randomBytes(4).toString('hex');
  const until = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  const loop = async (w: number) => {
    for (let i = 0; performance.now() < until; i++) {
      const started = performance.now();
      await ROUNDS[pattern](runId, w, i);
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, (_, w) => loop(w)));
  const elapsed = (performance.now() - started) / 1000;
  await conversations().deleteMany({ userId: { $regex: '^bench-db-' } });
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return { rps: latencies.length / elapsed, p50_ms: at(0.5), p99_ms: at(0.99) };
}
