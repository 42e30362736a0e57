import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel, Delivery } from '../../src/channels/channel';
import { FixedClock } from '../../src/kernel/clock';
import type { ChannelName } from '../../src/kernel/messages';
import { createLogger } from '../../src/kernel/logger';
import { OutboxSender } from '../../src/scheduler/outbox-sender';
import { connectDatabase, ensureIndexes } from '../../src/store/mongo/connection';
import { OutboxModel } from '../../src/store/mongo/models/outbox';
import { MongoOutboxStore } from '../../src/store/mongo/outbox';
import { MongoSequenceStore } from '../../src/store/mongo/sequences';

const sequences = new MongoSequenceStore();
const nextSequence = (name: string) => sequences.next(name, new Date());
import { uniqueDbName } from '../support/test-bot';

const outbox = new MongoOutboxStore();

beforeAll(async () => {
  await connectDatabase(process.env.MONGODB_URI!, uniqueDbName());
  await ensureIndexes();
});
afterAll(async () => {
  await mongoose.disconnect();
});

describe('exactly-once primitives on the real database', () => {
  it('hands out 40 concurrent sequence numbers without duplicate or gap', async () => {
    const numbers = await Promise.all(Array.from({ length: 40 }, () => nextSequence('TEST-2026')));
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await nextSequence('TEST-2026')).toBe(41);
    expect(await nextSequence('OTHER-2026')).toBe(1);
  });

  it('delivers each outbox row once with three senders draining at the same time', async () => {
    const clock = new FixedClock(new Date('2026-11-26T01:00:00Z'));
    const delivered: string[] = [];
    const channel: Channel = {
      name: 'console',
      mount() {},
      async deliver(d: Delivery) {
        delivered.push(d.key);
        await new Promise((r) => setTimeout(r, 2));
      },
    };
    const channels = new Map<ChannelName, Channel>([['console', channel]]);
    const items = Array.from({ length: 30 }, (_, i) => ({ key: `burst:${i}`, channel: 'console' as const, userId: `u${i % 3}`, message: { text: `#${i}` } }));
    expect(await outbox.enqueue(items, clock.now())).toBe(30);
    expect(await outbox.enqueue(items, clock.now())).toBe(0);
    const logger = createLogger('silent');
    const senders = [1, 2, 3].map(() => new OutboxSender(channels, outbox, clock, logger));
    await Promise.all(senders.map((s) => s.deliverDue()));
    await Promise.all(senders.map((s) => s.deliverDue()));
    expect(delivered.sort()).toEqual(items.map((i) => i.key).sort());
    expect(await OutboxModel.countDocuments({ key: /^burst:/, status: 'sent' })).toBe(30);
  });

  it('retries a failed delivery later and takes over a row whose sender died', async () => {
    const clock = new FixedClock(new Date('2026-11-26T02:00:00Z'));
    let failNext = true;
    const seen: number[] = [];
    const channel: Channel = {
      name: 'console',
      mount() {},
      async deliver() {
        seen.push(clock.now().getTime());
        if (failNext) {
          failNext = false;
          throw new Error('platform down');
        }
      },
    };
    const sender = new OutboxSender(new Map([['console', channel]]), outbox, clock, createLogger('silent'));
    await outbox.enqueue([{ key: 'retry:1', channel: 'console', userId: 'u', message: { text: 'x' } }], clock.now());
    expect(await sender.deliverDue()).toBe(0);
    expect(await sender.deliverDue()).toBe(0); // backoff: not due yet
    clock.advance(5_000);
    expect(await sender.deliverDue()).toBe(1);
    expect(seen).toHaveLength(2);
    expect((await OutboxModel.findOne({ key: 'retry:1' }).lean())!.status).toBe('sent');
  });
});
