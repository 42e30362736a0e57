import mongoose from 'mongoose';
import { afterEach, describe, expect, it } from 'vitest';
import { tickAt } from '../support/deadline-helpers';
import { startTestBot, type TestBot } from '../support/test-bot';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const FACTS = '县农业农村局对某养殖场向河道排放污水的问题长期不作为，河水发黑发臭';
const ADDED = '每晚十点后排放，已拍照';
const text = (replies: string[]) => replies.join('\n');

describe('the retention job (config/retention.yaml), through /console and the scheduler', () => {
  it('clears a concluded clue past its period once a day, keeping the dates of its 退回/补充 history', async () => {
    const logLines: string[] = [];
    bot = await startTestBot({ now: new Date('2026-11-26T02:00:00Z'), logLines });
    await bot.say('sfj-officer', `提交线索：${FACTS} 实名`);
    const number = /XS-\d{4}-\d{4}/.exec(text(await bot.say('sfj-officer', '确认')))![0];
    await bot.say('jcy-officer', `退回补充 ${number} 请补充排污的具体时间和照片`);
    await bot.say('sfj-officer', `补充 ${number} ${ADDED}`);
    expect(text(await bot.say('jcy-officer', `受理 ${number}`))).toContain('受理');
    expect(text(await bot.say('jcy-officer', `办结 ${number} 已督促整改`))).toContain('已办结');
    const clues = mongoose.connection.db!.collection('clues');
    const before = await clues.findOne({ number });
    expect(before!.supplements).toHaveLength(1);

    // 1095 days after 2026-11-26 is 2029-11-25; the job runs at 03:30 Shanghai time.
    const runs = () => logLines.filter((line) => line.includes('"job":"retention"')).length;
    await tickAt(bot, '2029-11-27T19:29:00Z');
    expect(runs()).toBe(0);
    await tickAt(bot, '2029-11-27T19:31:00Z');
    expect(runs()).toBe(1);
    // Later the same day, past the attempt's 30-minute lease: the day is done.
    await tickAt(bot, '2029-11-27T20:31:00Z');
    await tickAt(bot, '2029-11-28T03:00:00Z');
    expect(runs()).toBe(1);

    const after = await clues.findOne({ number });
    expect(after!.purgedAt).toBeInstanceOf(Date);
    expect(after!.supplements).toHaveLength(1);
    expect(after!.supplements[0].at).toEqual(before!.supplements[0].at);
    expect(after!.supplements[0].text).not.toEqual(before!.supplements[0].text);
    const view = text(await bot.say('jcy-officer', `线索 ${number}`));
    expect(view).toContain('已按保存期限清除');
    expect(view).not.toContain('养殖场');
    expect(view).not.toContain(ADDED);
  });
});
