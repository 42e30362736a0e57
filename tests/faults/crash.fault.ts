import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import mongoose from 'mongoose';
import { afterEach, describe, expect, it } from 'vitest';
import { openJson, sealJson } from '../../src/store/mongo/at-rest';
import { ClueModel } from '../../src/store/mongo/models/clue';
import { ClueAuditModel } from '../../src/store/mongo/models/clue-audit';
import { ConversationModel } from '../../src/store/mongo/models/conversation';
import { OutboxModel } from '../../src/store/mongo/models/outbox';
import { startBotProcess, waitUntil, type BotProcess } from './support/bot-process';
import { freshDatabase } from './support/database';
import { importRoster } from './support/roster';

const USERS = ['jw-officer', 'jcy-officer', 'sfj-officer', 'jcy-leader'];
let bots: BotProcess[] = [];

afterEach(async () => {
  await Promise.all(bots.map((b) => b.kill('SIGKILL')));
  bots = [];
  await mongoose.disconnect();
});

async function start(uri: string): Promise<BotProcess> {
  const bot = await startBotProcess({ mongodbUri: uri, env: { SCHEDULER_ENABLED: 'false' } });
  bots.push(bot);
  return bot;
}

describe('SIGKILL during a burst of console messages', () => {
  it('keeps every message answered 200, and finishes the ones cut off after a restart', async () => {
    const { uri } = await freshDatabase();
    const first = await start(uri);

    const answered: string[] = [];
    let sent = 0;
    let killed = false;
    const stream = async (lane: number) => {
      for (let i = 0; !killed && i < 200; i++) {
        const id = `burst-${lane}-${i}`;
        sent++;
        const result = await first.say(USERS[lane % USERS.length]!, '帮助', id);
        if ('status' in result && result.status === 200) answered.push(id);
        if (answered.length >= 40 && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map(stream));
    await first.kill('SIGKILL');
    expect(killed).toBe(true);
    expect(sent).toBeGreaterThan(answered.length);

    await new Promise((r) => setTimeout(r, 1_000)); // writes the dead process already sent land first

    const stored = await ConversationModel.find({ platformMessageId: { $in: answered } }, { platformMessageId: 1, status: 1 }).lean();
    expect(stored.map((e) => e.platformMessageId).sort()).toEqual([...answered].sort());
    expect(stored.every((e) => e.status === 'done')).toBe(true);
    const cutOff = await ConversationModel.find({ status: 'processing' }, { platformMessageId: 1, userId: 1 }).lean();

    await start(uri);
    await waitUntil(async () => (await ConversationModel.countDocuments({ status: 'processing' })) === 0, 30_000, 'interrupted messages to be finished');
    // Their answers were never sent in an HTTP response: they are pushed instead, once.
    const replyKeys = cutOff.map(({ userId, platformMessageId }) => `reply:console:${userId}:${platformMessageId}:0`);
    await waitUntil(async () => (await OutboxModel.countDocuments({ key: { $in: replyKeys } })) === cutOff.length, 10_000, 'the pushed answers');
  });

  it('finishes a message a crashed process left in processing, once, and pushes its answer', async () => {
    const { uri } = await freshDatabase();
    const past = new Date(Date.now() - 60_000);
    await ConversationModel.create({
      channel: 'console',
      platformMessageId: 'left-behind',
      userId: 'jw-officer',
      kind: 'text',
      text: sealJson('帮助', 'conversation.text:console:left-behind'),
      receivedAt: past,
      status: 'processing',
      leaseUntil: past,
    });
    const bot = await start(uri);
    await waitUntil(async () => (await OutboxModel.countDocuments({ key: 'reply:console:jw-officer:left-behind:0' })) === 1, 30_000, 'the answer to be pushed');

    const entry = await ConversationModel.findOne({ platformMessageId: 'left-behind' }).lean();
    expect(entry).toMatchObject({ status: 'done' });
    const pushed = (await (await fetch(`${bot.url}/console/outbox?userId=jw-officer`)).json()) as { messages: { text: string }[] };
    expect(pushed.messages).toHaveLength(1);
    expect(pushed.messages[0]!.text).toContain('张明');
    expect(pushed.messages[0]!.text).toBe(openJson<{ text: string }[]>(entry!.replies, 'conversation.replies:console:left-behind')[0]!.text);
  });

  it('never reuses, doubles or skips a clue number, nor loses a notice or audit line, when killed during concurrent confirmations', async () => {
    const officers = Array.from({ length: 16 }, (_, i) => `crash-officer-${i}`);
    const { uri } = await freshDatabase();
    await importRoster(officers.map((id, i) => `${id},司法局监督员${i},sfj,officer,console`));
    const first = await start(uri);
    const replyText = (result: Awaited<ReturnType<BotProcess['say']>>) =>
      'status' in result && result.status === 200 ? (result.body as { replies: { text: string }[] }).replies.map((r) => r.text).join('\n') : null;
    for (const officer of officers) {
      expect(replyText(await first.say(officer, '提交线索：县农业农村局对养殖场向河道排放污水长期不作为 实名'))).toContain('确认');
    }

    const answered = new Map<string, string>();
    let killed = false;
    const lane = async (group: string[]) => {
      for (const officer of group) {
        if (killed) return;
        const text = replyText(await first.say(officer, '确认', `confirm-${officer}`));
        const number = text && /XS-\d{4}-\d{4}/.exec(text)?.[0];
        if (number) answered.set(officer, number);
        if (answered.size >= 6 && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all([0, 1, 2, 3].map((n) => lane(officers.filter((_, i) => i % 4 === n))));
    await first.kill('SIGKILL');
    expect(killed).toBe(true);

    const second = await start(uri);
    await waitUntil(async () => (await ConversationModel.countDocuments({ status: 'processing' })) === 0, 30_000, 'interrupted confirmations to be finished');
    // An officer who saw no number taps 确认 again.
    for (const officer of officers.filter((o) => !answered.has(o))) await second.say(officer, '确认', `confirm-again-${officer}`);

    const numbers = new Map<string, string[]>();
    for (const officer of officers) {
      numbers.set(officer, [...new Set(replyText(await second.say(officer, '我的线索'))?.match(/XS-\d{4}-\d{4}/g) ?? [])]);
    }
    for (const [officer, listed] of numbers) {
      expect(listed, officer).toHaveLength(1);
      if (answered.has(officer)) expect(listed[0], officer).toBe(answered.get(officer));
    }
    const all = [...numbers.values()].flat();
    expect(new Set(all).size).toBe(officers.length);
    expect(await ClueModel.countDocuments()).toBe(officers.length);
    // No gap: the numbers are 1…n (a number is taken only by the stored clue itself).
    expect(all.map((n) => Number(n.slice(-4))).sort((a, b) => a - b)).toEqual(officers.map((_, i) => i + 1));

    // A clue stored just before the kill was never announced: the next tick (here a catch-up
    // a minute on, past the announce lease) notifies the receiving agency and writes the audit line, once each.
    await second.kill('SIGKILL');
    const at = new Date(Date.now() + 60_000).toISOString();
    const tick = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'scheduler', 'tick', '--at', at], {
      env: { PATH: process.env.PATH!, HOME: process.env.HOME!, NODE_ENV: 'test', LOG_LEVEL: 'warn', MONGODB_URI: uri },
      timeout: 45_000,
    }).catch((err: { stdout: string; stderr: string; signal: string }) => ({ stdout: `${err.signal} ${err.stdout}`, stderr: err.stderr }));
    expect(tick.stdout, tick.stderr).toContain('enqueued');
    for (const number of all) {
      const audit = await ClueAuditModel.find({ clueNumber: number, action: 'submit' }).lean();
      expect(audit, `${number} ${tick.stdout}`).toHaveLength(1);
      expect(await OutboxModel.countDocuments({ key: new RegExp(`^clue:${number}:routed:0:`) }), number).toBeGreaterThan(0);
    }
    expect(await ClueModel.countDocuments({ announced: false })).toBe(0);
  }, 150_000);
});
