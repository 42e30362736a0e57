import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { Bot } from '../../../src/conversation/bot';
import { TEXTS } from '../../../src/conversation/texts';
import type { AnswerPolicy } from '../../../src/kernel/inbound';
import type { Person } from '../../../src/kernel/people';
import { InboxStoreTimeout } from '../../../src/store/inbox';
import { startMemoryBot } from '../../support/memory-bot';

const HANDLE = { webhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=s', expiresAt: Date.parse('2026-11-26T03:00:00Z') };
const CONSOLE: AnswerPolicy = { kind: 'passive', budgetMs: null };
const PUSH: AnswerPolicy = { kind: 'push' };
const textOnly = (budgetMs: number, maxBytes = 2048): AnswerPolicy => ({ kind: 'passive', budgetMs, textOnly: { maxBytes, render: (m) => m.text } });
const person = (channel: Person['channel'], userId = 'u1'): Person => ({ channel, userId, name: '测试员', agency: 'sfj', roles: ['officer'] });

/** A tiny bot: 回声 <x> answers x; 长文 answers three lines; 图表 answers a text and a chart; 慢 waits for the gate. */
function echoBot() {
  let dispatched = 0;
  let open: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const bot: Bot = {
    name: 'echo',
    topic: '回声',
    commands: [
      {
        name: '回声',
        usage: '回声 <文字>',
        example: '回声',
        match: /^回声\s*(.*)$/,
        handle: async (ctx, match) => {
          dispatched++;
          ctx.reply(match[1] ?? '');
        },
      },
      { name: '长文', usage: '长文', example: '长文', match: /^长文$/, handle: async (ctx) => ctx.reply('一一\n二二\n三三') },
      {
        name: '图表',
        usage: '图表',
        example: '图表',
        match: /^图表$/,
        handle: async (ctx) => ctx.reply({ text: '趋势图', image: { url: '/reports/charts/a.png' } }),
      },
      {
        name: '慢',
        usage: '慢',
        example: '慢',
        match: /^慢$/,
        handle: async (ctx) => {
          dispatched++;
          await gate;
          ctx.reply('终于好了');
        },
      },
      {
        name: '出错',
        usage: '出错',
        example: '出错',
        match: /^出错$/,
        handle: async () => {
          throw new Error('boom');
        },
      },
    ],
  };
  return { bot, dispatched: () => dispatched, openGate: () => open() };
}

function start(answers: AnswerPolicy, channel: Person['channel'] = 'console') {
  const echo = echoBot();
  return { ...startMemoryBot({ bots: [echo.bot], people: [person(channel)], answers, channel }), echo };
}

describe('Inbox (through a FakeChannel, all in memory)', () => {
  it('answers a channel that waits with every reply, and keeps the message with its replies', async () => {
    const bot = start(CONSOLE);
    expect(await bot.channel.send('u1', '回声 你好', { id: 'm1' })).toEqual({ kind: 'passive', replies: [{ text: '你好' }] });
    expect(await bot.stores.inbox.find({ channel: 'console', userId: 'u1', platformMessageId: 'm1' })).toMatchObject({
      status: 'done',
      text: '回声 你好',
      replies: [{ text: '你好' }],
    });
    expect(bot.outboxKeys()).toEqual([]);
  });

  it('runs a message delivered three times at once once, and gives each delivery the same answer', async () => {
    const bot = start(CONSOLE);
    const answers = await Promise.all([1, 2, 3].map(() => bot.channel.send('u1', '回声 一次', { id: 'dup' })));
    expect(answers).toEqual(Array(3).fill({ kind: 'passive', replies: [{ text: '一次' }] }));
    expect(bot.echo.dispatched()).toBe(1);
  });

  it('goes through the dispatcher: a stranger is told to register, a failing bot gets the failure text', async () => {
    const bot = start(CONSOLE);
    expect(await bot.channel.send('stranger', '回声 x')).toEqual({ kind: 'passive', replies: [{ text: TEXTS.notRegistered }] });
    expect(await bot.channel.send('u1', '出错')).toEqual({ kind: 'passive', replies: [{ text: TEXTS.failed }] });
  });

  it('answers a text-only channel with the first piece and pushes the rest and the media, once however often it retries', async () => {
    const bot = start(textOnly(3000, 7), 'wecom');
    const first = await bot.channel.send('u1', '长文', { id: 'long' });
    expect(first).toEqual({ kind: 'passive', replies: [{ text: '一一' }] });
    expect(await bot.channel.send('u1', '长文', { id: 'long' })).toEqual(first);
    expect(bot.outboxKeys()).toEqual(['reply:wecom:u1:long:more:0', 'reply:wecom:u1:long:more:1']);
    expect(bot.nudges()).toBe(1);

    expect(await bot.channel.send('u1', '图表', { id: 'chart' })).toEqual({ kind: 'passive', replies: [{ text: '趋势' }] });
    expect(bot.outboxKeys().slice(2)).toEqual(['reply:wecom:u1:chart:more:0', 'reply:wecom:u1:chart:0:media']);

    await bot.sender.deliverDue();
    expect(bot.channel.delivered.map((d) => d.message)).toEqual([
      { text: '二二' },
      { text: '三三' },
      { text: '图' },
      { text: '', image: { url: '/reports/charts/a.png' } },
    ]);
  });

  it('answers a push-only channel at once and delivers the replies through the outbox with the reply handle, once', async () => {
    const bot = start(PUSH, 'dingtalk');
    expect(await bot.channel.send('u1', '回声 推送', { id: 'p1', replyHandle: HANDLE })).toEqual({ kind: 'pushed' });
    expect(await bot.channel.send('u1', '回声 推送', { id: 'p1', replyHandle: HANDLE })).toEqual({ kind: 'pushed' });
    await vi.waitFor(() => expect(bot.outboxKeys()).toEqual(['reply:dingtalk:u1:p1:0']));
    await bot.sender.deliverDue();
    await bot.sender.deliverDue();
    expect(bot.channel.delivered).toEqual([{ key: 'reply:dingtalk:u1:p1:0', userId: 'u1', message: { text: '推送' }, replyHandle: HANDLE, late: false }]);
    expect(bot.echo.dispatched()).toBe(1);
  });

  it('answers empty when the budget runs out, pushes the replies once they exist, and keeps a retry on the push path', async () => {
    const bot = start(textOnly(20), 'wecom');
    expect(await bot.channel.send('u1', '慢', { id: 'slow' })).toEqual({ kind: 'pushed' });
    bot.echo.openGate();
    await vi.waitFor(() => expect(bot.outboxKeys()).toEqual(['reply:wecom:u1:slow:0']));
    expect(await bot.channel.send('u1', '慢', { id: 'slow' })).toEqual({ kind: 'pushed' });
    expect(bot.outboxKeys()).toEqual(['reply:wecom:u1:slow:0']);
    expect(bot.echo.dispatched()).toBe(1);
  });

  it('answers an unsupported message with one polite text and stores nothing of it', async () => {
    const passive = start(textOnly(0), 'wecom');
    expect(await passive.channel.sendUnsupported('u1')).toEqual({ kind: 'passive', replies: [{ text: TEXTS.unsupported }] });
    expect(passive.stores.inbox.entries.size).toBe(0);

    const push = start(PUSH, 'dingtalk');
    for (let i = 0; i < 2; i++) expect(await push.channel.sendUnsupported('u1', { id: 'voice', replyHandle: HANDLE })).toEqual({ kind: 'pushed' });
    expect(push.outboxKeys()).toEqual(['reply:dingtalk:u1:voice:unsupported']);
    expect(push.stores.outbox.rows.get('reply:dingtalk:u1:voice:unsupported')).toMatchObject({ message: { text: TEXTS.unsupported }, replyHandle: HANDLE });
    expect(push.nudges()).toBe(1);
    expect(push.stores.inbox.entries.size).toBe(0);
  });

  it('finishes a message a crashed process left after its lease, once, and pushes its answer', async () => {
    const bot = start(CONSOLE);
    await bot.stores.inbox.add({
      channel: 'console',
      platformMessageId: 'left-behind',
      userId: 'u1',
      kind: 'text',
      text: '回声 补上',
      receivedAt: bot.clock.now(),
      leaseUntil: new Date(bot.clock.now().getTime() + 10_000),
    });
    expect(await bot.inbox.resumeInterrupted()).toBe(0);
    bot.clock.advance(10_000);
    expect(await bot.inbox.resumeInterrupted()).toBe(1);
    expect(await bot.inbox.resumeInterrupted()).toBe(0);
    expect(bot.outboxKeys()).toEqual(['reply:console:u1:left-behind:0']);
    expect(await bot.stores.inbox.find({ channel: 'console', userId: 'u1', platformMessageId: 'left-behind' })).toMatchObject({
      status: 'done',
      replies: [{ text: '补上' }],
    });
    expect(bot.echo.dispatched()).toBe(1);
  });

  it('keys a message by sender and id: a re-sent id of another sender is a message of its own, never the stored answer (property)', async () => {
    const senders = ['u1', 'u2', 'u1:x', 'u', '1:x:u'];
    const send = fc.record({
      sender: fc.constantFrom(...senders),
      id: fc.constantFrom('a', 'b', 'x:u1', '1:x'),
      word: fc.string({ minLength: 1, maxLength: 6 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(send, { minLength: 1, maxLength: 12 }), fc.boolean(), async (sends, pushed) => {
        const echo = echoBot();
        const bot = startMemoryBot({
          bots: [echo.bot],
          people: senders.map((id) => person(pushed ? 'dingtalk' : 'console', id)),
          answers: pushed ? PUSH : CONSOLE,
          channel: pushed ? 'dingtalk' : 'console',
        });
        const first = new Map<string, string>();
        for (const { sender, id, word } of sends) {
          const said = `${sender}|${word.replace(/\s/g, '_')}`;
          const key = JSON.stringify([sender, id]);
          if (!first.has(key)) first.set(key, said);
          const answer = await bot.channel.send(sender, `回声 ${said}`, { id, replyHandle: HANDLE });
          if (!pushed) expect(answer).toEqual({ kind: 'passive', replies: [{ text: first.get(key) }] });
        }
        if (pushed) {
          await vi.waitFor(() => expect(bot.stores.outbox.rows.size).toBe(first.size));
          // every pushed reply goes to the sender whose words it repeats
          for (const row of bot.stores.outbox.rows.values()) expect(row.message.text.startsWith(`${row.userId}|`)).toBe(true);
        }
        expect(echo.dispatched()).toBe(first.size);
      }),
      { numRuns: 15 },
    );
  }, 120_000);

  it('refuses a platform message it cannot store in time (the database hangs), so the platform retries; the console waits', async () => {
    for (const [policy, channel] of [
      [textOnly(3000), 'wecom'],
      [PUSH, 'dingtalk'],
    ] as const) {
      const bot = start(policy, channel);
      bot.stores.inbox.add = () => new Promise(() => {});
      await expect(bot.channel.send('u1', '回声 存不下', { id: 'hung', replyHandle: HANDLE })).rejects.toBeInstanceOf(InboxStoreTimeout);
      expect(bot.echo.dispatched()).toBe(0);
      expect(bot.outboxKeys()).toEqual([]);
    }
  });
});
