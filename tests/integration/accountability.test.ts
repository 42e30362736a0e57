import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountabilityCaseModel } from '../../src/store/mongo/models/accountability-case';
import { cliTick, pushed, tickAt } from '../support/deadline-helpers';
import { startTestBot, type TestBot } from '../support/test-bot';

const ROSTER = `${readFileSync('config/roster.example.csv', 'utf8').trimEnd()}\nzhzf-leader,综合执法局局长何平,zhzf,leader,console\n`;
const OFFICER = '执法队员王五';

async function say(bot: TestBot, userId: string, text: string): Promise<string> {
  return (await bot.say(userId, text)).join('\n');
}

describe('过错责任追究 through the console', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ now: new Date('2026-12-03T02:00:00Z'), roster: ROSTER });
  }, 30_000);
  afterAll(async () => bot.close());

  it('a case from a non-complied supervision notice runs through investigation, decision and objection window with reminders', async () => {
    const sfj = (await bot.services.roster.find('console', 'sfj-officer'))!;
    const notice = await bot.services.documents.register(sfj, {
      kind: 'notice',
      reference: '嘉司监〔2026〕9号',
      recipient: 'zhzf',
      startDate: '2026-10-01',
      urgent: false,
    });
    expect(notice.dueDate < '2026-12-03').toBe(true);
    const open = await bot.services.documents.register(sfj, {
      kind: 'notice',
      reference: '嘉司监〔2026〕10号',
      recipient: 'zhzf',
      startDate: '2026-11-20',
      urgent: false,
    });

    expect(await say(bot, 'sfj-officer', '立案追责')).toContain('被追责的执法单位');
    expect(await say(bot, 'sfj-officer', '综合执法局')).toContain('责任人姓名');
    expect(await say(bot, 'sfj-officer', OFFICER)).toContain('案件来源');
    expect(await say(bot, 'sfj-officer', open.number)).toContain('未逾期未整改');
    expect(await say(bot, 'sfj-officer', notice.number)).toContain('过错事实');
    const summary = await say(bot, 'sfj-officer', '逾期未按监督通知书整改');
    expect(summary).toContain(`来源：监督通知书未整改 ${notice.number}`);
    const filed = await say(bot, 'sfj-officer', '确认');
    expect(filed).toMatch(/已立案 ZR-2026-0001，调查期限 2027-02-01/);
    expect(await pushed(bot, 'zhzf-leader', 'ZR-2026-0001')).toHaveLength(1);

    // The name is personal information: the handlers and the unit's leader only.
    expect(await say(bot, 'sfj-officer', '追责 ZR-2026-0001')).toContain(OFFICER);
    expect(await say(bot, 'zhzf-leader', '追责 ZR-2026-0001')).toContain(OFFICER);
    const liaison = await say(bot, 'zhzf-liaison', '追责 ZR-2026-0001');
    expect(liaison).toContain('责任人（已隐去）');
    expect(liaison).not.toContain(OFFICER);
    expect(await say(bot, 'jcy-leader', '追责 ZR-2026-0001')).toContain('找不到您可查看的追责案件');
    const stored = await AccountabilityCaseModel.findOne({ number: 'ZR-2026-0001' }).lean();
    expect(JSON.stringify(stored)).not.toContain(OFFICER);

    // The investigation deadline is reminded like any other (7 days before).
    await tickAt(bot, '2027-01-25T09:00:00+08:00');
    expect(await pushed(bot, 'sfj-organizer', 'ZR-2026-0001（县综合行政执法局）调查期限将于 2027-02-01 到期，还剩 5 个工作日（7 天，含休息日）')).toHaveLength(
      1,
    );

    expect(await say(bot, 'sfj-officer', '延长调查 ZR-2026-0001 需调取执法记录仪')).toContain('调查期限至 2027-03-03');
    expect(await say(bot, 'sfj-officer', '延长调查 ZR-2026-0001 再次延长')).toContain('不能再延长');

    expect(await say(bot, 'sfj-officer', '追责决定 ZR-2026-0001 通报批评 降级')).toContain('看不懂措施「降级」');
    const decided = await say(bot, 'sfj-officer', '追责决定 ZR-2026-0001 通报批评、书面检查；逾期未整改');
    expect(decided).toContain('已对 ZR-2026-0001 作出决定：书面检查、通报批评。责任人异议期至 2027-02-24');
    expect(await say(bot, 'sfj-officer', '追责结案 ZR-2026-0001')).toContain('届满后才能结案');

    // The objection window's last day, reminded by a tick of the CLI.
    await cliTick(bot, '2027-02-24T09:00:00+08:00');
    expect((await pushed(bot, 'sfj-officer', '异议期今天（2027-02-24）到期'))[0]).toContain('ZR-2026-0001');

    bot.clock.set(new Date('2027-02-25T02:00:00Z'));
    expect(await say(bot, 'sfj-officer', '追责结案 ZR-2026-0001 决定已执行')).toContain('已结案 ZR-2026-0001（2027-02-25）');
    const details = await say(bot, 'sfj-leader', '追责 ZR-2026-0001');
    expect(details).toContain('决定：书面检查、通报批评（2027-01-25）；逾期未整改');
    expect(details).toContain('状态：已结案');
  }, 240_000);

  it('a case handed to jw becomes a routed, numbered clue, and the two records name each other', async () => {
    bot.clock.set(new Date('2027-02-26T02:00:00Z'));
    await say(bot, 'sfj-officer', '立案追责');
    await say(bot, 'sfj-officer', 'nyncj');
    await say(bot, 'sfj-officer', '执法队员赵六');
    await say(bot, 'sfj-officer', '直接');
    await say(bot, 'sfj-officer', '多次对举报不予查处，疑似收受好处');
    expect(await say(bot, 'sfj-officer', '确认')).toContain('已立案 ZR-2027-0001');

    const handed = await say(bot, 'sfj-officer', '移送纪委 ZR-2027-0001 涉嫌玩忽职守');
    const clueNumber = /线索 (XS-\d{4}-\d{4,})/.exec(handed)![1]!;
    expect(handed).toContain('移送县纪委监委');
    expect(await say(bot, 'sfj-officer', '移送纪委 ZR-2027-0001')).toContain(`已移送纪委监委，线索 ${clueNumber}`);
    expect(await say(bot, 'sfj-officer', '追责 ZR-2027-0001')).toContain(`已移送纪委监委：线索 ${clueNumber}`);

    expect((await pushed(bot, 'jw-officer', clueNumber)).length).toBeGreaterThan(0);
    const clue = await say(bot, 'jw-officer', `线索 ${clueNumber}`);
    expect(clue).toContain('追责案件 ZR-2027-0001');
    expect(clue).toContain('玩忽职守');
    expect(await say(bot, 'jcy-officer', `线索 ${clueNumber}`)).not.toContain('ZR-2027-0001');
  }, 120_000);
});
