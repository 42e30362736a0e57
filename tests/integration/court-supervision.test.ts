import { afterEach, describe, expect, it } from 'vitest';
import { CourtSupervisionCaseModel } from '../../src/store/mongo/models/court-supervision-case';
import { pushed, tickAt } from '../support/deadline-helpers';
import { startTestBot, type TestBot } from '../support/test-bot';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const say = async (user: string, text: string) => (await bot!.say(user, text)).join('\n');

describe('court non-execution supervision', () => {
  it('registers a 不予执行 ruling, reminds the review, and on conclusion tells the applying unit and sfj once', async () => {
    bot = await startTestBot({ now: new Date('2026-12-03T02:00:00Z') });
    expect(await say('sfj-officer', '登记非诉执行监督 不予执行 zhzf 2026-11-20 （2026）浙0421行审12号')).toContain('由县人民检察院登记');
    expect(await say('jcy-officer', '登记非诉执行监督 不执行 zhzf 2026-11-20 （2026）浙0421行审12号')).toContain('法院裁定类型应为');
    expect(await say('jcy-officer', '登记非诉执行监督 不予执行 zhzf 2026-12-20 （2026）浙0421行审12号')).toContain('晚于今天');
    expect(await CourtSupervisionCaseModel.countDocuments()).toBe(0);

    const registered = await say('jcy-officer', '登记非诉执行监督 不予执行 综合行政执法局 2026-11-20 （2026）浙0421行审12号');
    expect(registered).toContain('FZ-2026-0001');
    // Registered 2026-12-03 + 3 months = 2027-03-03.
    expect(registered).toContain('审查期限：2027-03-03');
    expect(await say('jw-officer', '非诉监督 FZ-2026-0001')).toContain('找不到您可查看');

    await tickAt(bot, '2027-03-02T09:00:00+08:00');
    expect(await pushed(bot, 'jcy-officer', '的审查明天（2027-03-03）到期')).toHaveLength(1);
    expect(await pushed(bot, 'jcy-organizer', '的审查明天（2027-03-03）到期')).toHaveLength(1);

    bot.clock.set(new Date('2027-03-02T03:00:00Z'));
    expect(await say('jcy-officer', '审结非诉监督 FZ-2026-0001 只有结论')).toContain('请按格式');
    const concluded = await say('jcy-officer', '审结非诉监督 FZ-2026-0001 法院裁定认定事实清楚、适用法律正确；不支持监督申请，已向申请执行机关释法说理');
    expect(concluded).toContain('已通报：县综合行政执法局（1人）、县司法局（2人）');
    expect(await pushed(bot, 'zhzf-liaison', '【非诉执行监督结果】')).toHaveLength(1);
    expect(await pushed(bot, 'sfj-organizer', '审查结论：法院裁定认定事实清楚')).toHaveLength(1);
    expect(await pushed(bot, 'sfj-leader', '监督结果：不支持监督申请')).toHaveLength(1);
    expect(await say('jcy-organizer', '审结非诉监督 FZ-2026-0001 再次；再次')).toContain('已审结');

    await tickAt(bot, '2027-03-04T09:00:00+08:00');
    expect(await pushed(bot, 'jcy-leader', '逾期督办')).toHaveLength(0);
    const stored = await CourtSupervisionCaseModel.findOne({ number: 'FZ-2026-0001' }).lean();
    expect(stored!.conclusion!.notified.map((n) => n.agency)).toEqual(['zhzf', 'sfj']);
  });

  it('escalates a review still open after its due day to the procuratorate’s leaders', async () => {
    bot = await startTestBot({ now: new Date('2026-12-03T02:00:00Z') });
    await say('jcy-officer', '登记非诉执行监督 终结执行 nyncj 2026-12-01 （2026）浙0421执12号');
    await tickAt(bot, '2027-03-04T09:00:00+08:00');
    expect(await pushed(bot, 'jcy-leader', '【逾期督办】')).toHaveLength(1);
    expect(await pushed(bot, 'sfj-leader', 'FZ-2026-0001')).toHaveLength(0);
  });
});
