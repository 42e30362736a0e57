import mongoose from 'mongoose';
import { afterEach, describe, expect, it } from 'vitest';
import { ClaimModel } from '../../src/store/mongo/models/claim';
import { ClueModel } from '../../src/store/mongo/models/clue';
import { ConversationModel } from '../../src/store/mongo/models/conversation';
import { SessionModel } from '../../src/store/mongo/models/session';
import { cliTick, tickAt } from '../support/deadline-helpers';
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

const numberIn = (reply: string) => /XS-\d{4}-\d{4}/.exec(reply)?.[0] ?? '';
const PURGED = '（已按保存期限清除）';
const POLLUTION = FACTS;
const QUESTION = '请补充排污的具体时间和照片';
const SUPPLEMENT = '每周二凌晨两点从东侧暗管排放';
const WITHDRAWN = '县水利局对某砂石厂向河道排放泥浆的问题长期不作为，河道淤塞';
const OPEN = '县生态环境局对某化工厂向河道排放废水的问题长期不作为，鱼虾死亡';
const REFUSED = '市政府某副市长收受开发商贿赂';
/** Retention runs at 03:30 (config/retention.yaml); three years and more after the clues were closed. */
const DAY = '2029-12-01';
const jobLines = (stdout: string) => stdout.split('\n').filter((line) => line.includes('"job":"retention"'));

async function submit(b: TestBot, userId: string, facts: string): Promise<string> {
  expect(text(await b.say(userId, `提交线索：${facts} 实名`))).toContain('确认');
  return numberIn(text(await b.say(userId, '确认')));
}

describe('the retention job through CLI ticks and two schedulers (issue 22, items 9 and 11)', () => {
  it('removes the texts of closed clues (keeping their history), the exchanges of refused clues and expired sessions, once a day', async () => {
    bot = await startTestBot();
    const concluded = await submit(bot, 'sfj-officer', POLLUTION);
    expect(text(await bot.say('jcy-officer', `退回补充 ${concluded} ${QUESTION}`))).toContain('已退回提交人补充');
    expect(text(await bot.say('sfj-officer', `补充 ${concluded} ${SUPPLEMENT}`))).toContain('已为线索');
    expect(text(await bot.say('jcy-officer', `受理 ${concluded}`))).toContain('已受理');
    expect(text(await bot.say('jcy-officer', `办结 ${concluded} 已督促整改`))).toContain('已办结');
    const withdrawn = await submit(bot, 'sfj-officer', WITHDRAWN);
    expect(text(await bot.say('jcy-officer', `退回补充 ${withdrawn} ${QUESTION}`))).toContain('已退回提交人补充');
    expect(text(await bot.say('sfj-officer', `撤回 ${withdrawn} 经核实系误报`))).toContain('已撤回');
    const open = await submit(bot, 'sfj-officer', OPEN);
    bot.clock.advance(60 * 60_000); // the earlier entries fall outside the refused exchange's 30 minutes
    expect(text(await bot.say('jcy-officer', `提交线索：${REFUSED}`))).toContain('未保存');
    expect(await ConversationModel.countDocuments({ retention: 'refused-clue' })).toBe(1);
    const jcyEntries = await ConversationModel.countDocuments({ userId: 'jcy-officer' });
    await bot.say('jw-officer', '提交线索'); // a wizard left open: its session expires
    expect(await SessionModel.countDocuments({})).toBe(1);
    const before = await ClueModel.findOne({ number: concluded }).lean();
    const returned = (await ClueModel.findOne({ number: withdrawn }).lean())?.returned;
    expect(returned?.at).toBeInstanceOf(Date);

    // Before 03:30 of the day nothing is removed.
    expect(jobLines(await cliTick(bot, `${DAY}T03:00:00+08:00`, { LOG_LEVEL: 'info' }))).toEqual([]);
    expect((await ClueModel.findOne({ number: concluded }).lean())?.purgedAt).toBeUndefined();

    // Two schedulers at once (a catch-up CLI tick and the server's), then later ticks of the same day, past the lease.
    const [first] = await Promise.all([cliTick(bot, `${DAY}T04:00:00+08:00`, { LOG_LEVEL: 'info' }), tickAt(bot, `${DAY}T04:00:00+08:00`)]);
    const later = [await cliTick(bot, `${DAY}T04:45:00+08:00`, { LOG_LEVEL: 'info' }), await cliTick(bot, `${DAY}T23:00:00+08:00`, { LOG_LEVEL: 'info' })];
    await tickAt(bot, `${DAY}T23:30:00+08:00`);
    const claims = (await ClaimModel.find({ _id: { $regex: `^retention:${DAY}` } }).lean()).map((c) => c._id).sort();
    expect(claims).toEqual([`retention:${DAY}#1`, `retention:${DAY}:done`]);
    for (const stdout of later) expect(jobLines(stdout)).toEqual([]);
    // The one log line (from whichever scheduler won) carries counts only, never content.
    for (const line of jobLines(first)) {
      expect(JSON.parse(line)).toMatchObject({ cluesAnonymised: 2, refusedExchanges: 1 });
      for (const secret of [POLLUTION, SUPPLEMENT, QUESTION, WITHDRAWN, REFUSED]) expect(line).not.toContain(secret);
    }

    // The refused clue's exchange left the conversation log; the officer's other entries stay.
    expect(await ConversationModel.countDocuments({ retention: 'refused-clue' })).toBe(0);
    expect(await ConversationModel.countDocuments({ userId: 'jcy-officer' })).toBe(jcyEntries - 1);
    // The expired wizard session (with its sealed draft) is purged.
    expect(await SessionModel.countDocuments({})).toBe(0);

    // Closed clues: the texts are gone, the number, status, dates and the kinds of their entries stay.
    const after = await ClueModel.findOne({ number: concluded }).lean();
    expect(after).toMatchObject({ number: concluded, status: 'concluded', route: before!.route, category: before!.category });
    expect(after?.purgedAt).toBeInstanceOf(Date);
    expect(after?.supplements?.map((s) => s.at)).toEqual(before!.supplements!.map((s) => s.at));
    expect(after?.supplements?.[0]?.text?.keyId).toBeTruthy();
    expect(after?.result).toBeUndefined();
    const view = text(await bot.say('jcy-officer', `线索 ${concluded}`));
    expect(view).toContain(PURGED);
    for (const secret of [POLLUTION, SUPPLEMENT, QUESTION, '已督促整改']) expect(view).not.toContain(secret);
    expect(text(await bot.say('jcy-officer', `线索 ${withdrawn}`))).not.toContain(WITHDRAWN);
    const gone = await ClueModel.findOne({ number: withdrawn }).lean();
    expect(gone?.purgedAt).toBeInstanceOf(Date);
    expect(gone?.returned?.at).toEqual(returned!.at);
    expect(gone?.returned?.question?.keyId).toBeTruthy();
    expect(gone?.returned?.question).not.toEqual(returned!.question);
    // An open clue is kept whole.
    expect((await ClueModel.findOne({ number: open }).lean())?.purgedAt).toBeUndefined();
    expect(text(await bot.say('jcy-officer', `线索 ${open}`))).toContain(OPEN);
  }, 240_000);
});
