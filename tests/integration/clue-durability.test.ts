import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClueAuditModel } from '../../src/store/mongo/models/clue-audit';
import { ClueModel } from '../../src/store/mongo/models/clue';
import { startTestBot, type TestBot } from '../support/test-bot';

let bot: TestBot | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await bot?.close();
  bot = undefined;
});

const POLLUTION = '县农业农村局对某养殖场向河道排放污水的问题长期不作为，河水发黑发臭';
const text = (replies: string[]) => replies.join('\n');
const numberIn = (reply: string) => /XS-\d{4}-\d{4}/.exec(reply)?.[0] ?? '';

/** A transient database error (a dropped connection) on the next call of one model method only. */
function failOnce<T extends object>(target: T, method: keyof T & string): void {
  const spy = vi.spyOn(target, method as never);
  spy.mockImplementationOnce((() => Promise.reject(Object.assign(new Error('connection reset'), { name: 'MongoNetworkError' }))) as never);
}

async function submit(b: TestBot, userId: string): Promise<string[]> {
  expect(text(await b.say(userId, `提交线索：${POLLUTION} 实名`))).toContain('确认');
  return b.say(userId, '确认');
}

describe('a clue survives a transient database error between its steps', () => {
  it('a clue whose audit line failed is still announced to the receiving agency and audited, once', async () => {
    bot = await startTestBot();
    failOnce(ClueAuditModel, 'create');
    await submit(bot, 'sfj-officer');
    const [clue] = await ClueModel.find({}).lean();
    expect(clue).toBeDefined();
    expect(await bot.outbox('jcy-officer')).toEqual([]);

    // The resume job picks it up once the clue's lease is over, and only then.
    await bot.scheduler.tick(bot.clock.now());
    expect(await bot.outbox('jcy-officer')).toEqual([]);
    bot.clock.advance(60_000);
    await bot.scheduler.tick(bot.clock.now());
    await bot.scheduler.tick(bot.clock.now());
    const notices = (await bot.outbox('jcy-officer')).filter((m) => m.text.includes(clue!.number));
    expect(notices).toHaveLength(1);
    const audit = await ClueAuditModel.find({ clueNumber: clue!.number }).lean();
    expect(audit.map((line) => line.action)).toEqual(['submit']);
  });

  it('a 受理 whose write failed can be made again after a short wait, and only once', async () => {
    bot = await startTestBot();
    const number = numberIn(text(await submit(bot, 'sfj-officer')));
    failOnce(ClueModel, 'findOneAndUpdate');
    expect(text(await bot.say('jcy-officer', `受理 ${number}`))).not.toContain('已受理');
    expect(text(await bot.say('jcy-officer', `受理 ${number}`))).toContain('请约半分钟后重新发送');
    bot.clock.advance(15_000);
    expect(text(await bot.say('jcy-officer', `受理 ${number}`))).toContain('已受理');
    expect(text(await bot.say('jcy-officer', `受理 ${number}`))).toContain('无需重复受理');
    expect(text(await bot.say('jcy-officer', `办结 ${number} 已督促整改`))).toContain('已办结');
  });

  it('numbers stay gap-free when storing a clue fails', async () => {
    bot = await startTestBot();
    failOnce(ClueModel, 'create');
    await submit(bot, 'sfj-officer');
    expect(await ClueModel.countDocuments()).toBe(0);
    bot.clock.advance(15_000);
    const first = numberIn(text(await bot.say('sfj-officer', '确认')));
    const second = numberIn(text(await submit(bot, 'jw-officer')));
    expect([first, second]).toEqual(['XS-2026-0001', 'XS-2026-0002']);
  });
});
