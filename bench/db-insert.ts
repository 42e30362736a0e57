import { randomBytes } from 'node:crypto';
import { ConversationModel } from '../src/store/mongo/models/conversation';
import { CONNECTIONS } from './load';
import { CANNED_REPLY } from './wecom-load';

/**
 * The database's own write rate: single-document insertOne of a message-sized
 * document (an inbound message with its reply) through the same driver into the
 * same collection and indexes as the inbox, CONNECTIONS writers at once.
 */
export async function measureInsertRate(seconds: number): Promise<{ rps: number; inserted: number }> {
  const collection = ConversationModel.collection;
  const runId = randomBytes(4).toString('hex');
  const until = performance.now() + seconds * 1000;
  let inserted = 0;
  const writer = async (w: number) => {
    for (let i = 0; performance.now() < until; i++) {
      await collection.insertOne({
        channel: 'wecom',
        platformMessageId: `bench-insert-${runId}-${w}-${i}`,
        userId: `bench-insert-${w}`,
        direction: 'in',
        kind: 'text',
        text: '帮助',
        receivedAt: new Date(),
        status: 'done',
        delivery: 'passive',
        replies: [{ text: CANNED_REPLY }],
        repliedAt: new Date(),
      });
      inserted++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, (_, w) => writer(w)));
  const elapsed = (performance.now() - started) / 1000;
  await collection.deleteMany({ userId: { $regex: '^bench-insert-' } });
  return { rps: inserted / elapsed, inserted };
}
