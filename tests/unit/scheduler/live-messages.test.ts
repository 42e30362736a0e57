import { describe, expect, it } from 'vitest';
import { DeliveryError, type Channel, type Delivery } from '../../../src/channels/channel';
import { createLogger } from '../../../src/kernel/logger';
import { liveRenderers } from '../../../src/scheduler/live-messages';
import { emptyTally, OutboxSender } from '../../../src/scheduler/outbox-sender';
import { memoryServices } from '../../support/memory-services';

/** A console channel that is down until `up` is set. */
class FlakyChannel implements Channel {
  readonly name = 'console' as const;
  readonly delivered: Delivery[] = [];
  up = false;
  mount(): void {}
  async deliver(delivery: Delivery): Promise<void> {
    if (!this.up) throw new DeliveryError('platform down', true);
    this.delivered.push(delivery);
  }
}

async function setup() {
  const domain = memoryServices({ now: new Date('2026-03-02T02:00:00Z') });
  const channel = new FlakyChannel();
  const sender = new OutboxSender(new Map([['console', channel]]), domain.stores.outbox, domain.clock, createLogger('silent'), liveRenderers(domain));
  const register = (reference: string) =>
    domain.documents.register(domain.who('jcy-officer'), { kind: 'recommendation', reference, recipient: 'nyncj', startDate: '2026-03-02', urgent: false });
  return { ...domain, channel, sender, register };
}

describe('a reminder written again when it goes out', () => {
  it('delivered two days late says where the document stands on that day, and that it is late', async () => {
    const { documents, stores, clock, channel, sender, register } = await setup();
    const doc = await register('嘉检建〔2026〕1号');
    expect(doc.dueDate).toBe('2026-05-06');
    clock.set(new Date('2026-04-21T01:00:00Z')); // the 15-days-before step, 09:00
    await documents.remindDue(clock.now());
    const written = [...stores.outbox.rows.values()].find((row) => row.userId === 'nyncj-liaison' && row.key.startsWith('remind:'))!;
    expect(written.message.text).toContain('还剩');
    expect(written.message.text).not.toContain('补发');

    const tally = emptyTally();
    await sender.deliverDue(tally);
    expect(tally.failed.get('console')).toBeGreaterThan(0);

    clock.set(new Date('2026-04-23T02:00:00Z'));
    channel.up = true;
    await sender.deliverDue();
    const delivered = channel.delivered.find((d) => d.userId === 'nyncj-liaison' && d.key.startsWith('remind:'))!;
    expect(delivered.message.text).not.toBe(written.message.text);
    expect(delivered.message.text).toContain('将于 2026-05-06');
    expect(delivered.message.text).toContain('（补发：此提醒原定 2026-04-21 09:00 发送。）');
    // What is stored stays as written; only the delivery is current.
    expect(stores.outbox.rows.get(written.key)!.status).toBe('sent');
  });

  it('is dropped when the document was answered before it could go out', async () => {
    const { documents, stores, clock, channel, sender, register, who } = await setup();
    const doc = await register('嘉检建〔2026〕2号');
    clock.set(new Date('2026-04-21T01:00:00Z'));
    await documents.remindDue(clock.now());
    await sender.deliverDue();
    await documents.reply(who('nyncj-liaison'), doc.number, '已书面回复');
    clock.set(new Date('2026-04-21T03:00:00Z'));
    channel.up = true;
    const tally = emptyTally();
    await sender.deliverDue(tally);
    expect(channel.delivered.filter((d) => d.key.startsWith('remind:'))).toEqual([]);
    expect(tally.dropped.get('console')).toBeGreaterThan(0);
    const rows = [...stores.outbox.rows.values()].filter((row) => row.key.startsWith('remind:'));
    expect(rows.every((row) => row.status === 'failed' && row.lastError?.startsWith('dropped'))).toBe(true);
  });
});
