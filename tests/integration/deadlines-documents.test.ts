import { mkdtempSync, cpSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DeadlineDocumentModel } from '../../src/store/mongo/models/deadline-document';
import { pushed, tickAt } from '../support/deadline-helpers';
import { startTestBot, type TestBot } from '../support/test-bot';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const say = async (user: string, text: string) => (await bot!.say(user, text)).join('\n');

describe('supervision notices', () => {
  it('registers by wizard, keeps reminding after 回复 until 整改完成, and suggests the 决定书 when late', async () => {
    bot = await startTestBot({ now: new Date('2026-04-01T02:00:00Z') });
    expect(await say('sfj-officer', '登记监督通知书')).toContain('请输入文号');
    expect(await say('sfj-officer', '嘉司监通〔2026〕5号')).toContain('接收单位');
    expect(await say('sfj-officer', '不存在的局')).toContain('找不到单位');
    expect(await say('sfj-officer', '综合行政执法局')).toContain('送达日期');
    expect(await say('sfj-officer', '2026-02-30')).toContain('不是有效日期');
    const summary = await say('sfj-officer', '2026-04-01');
    // 2026-04-01 + 30 days = 05-01, Labour Day holiday → 05-06.
    expect(summary).toContain('期限：2026-05-06');
    expect(summary).toContain('县综合行政执法局');
    expect(await say('sfj-officer', '确认')).toContain('TZ-2026-0001');
    expect(await pushed(bot, 'zhzf-liaison', 'TZ-2026-0001')).toHaveLength(1);

    bot.clock.set(new Date('2026-04-20T02:00:00Z'));
    expect(await say('zhzf-liaison', '回复 TZ-2026-0001 已收到，正在整改')).toContain('仍需整改');
    await tickAt(bot, '2026-05-07T09:00:00+08:00');
    const escalation = await pushed(bot, 'sfj-organizer', '逾期督办');
    expect(escalation).toHaveLength(1);
    expect(escalation[0]).toContain('行政执法监督决定书');

    bot.clock.set(new Date('2026-05-08T02:00:00Z'));
    expect(await say('zhzf-liaison', '整改完成 TZ-2026-0001 已撤销违法处罚决定')).toContain('逾期 2 天');
    await tickAt(bot, '2026-05-14T09:00:00+08:00');
    expect(await pushed(bot, 'zhzf-liaison', '逾期 8 天')).toHaveLength(0);
    expect(await say('zhzf-liaison', '整改完成 TZ-2026-0001 再次')).toContain('已办结');
  });
});

describe('who may do what', () => {
  it('lets only the issuer register and set a custom deadline, and only the two sides answer', async () => {
    bot = await startTestBot({ now: new Date('2026-03-02T02:00:00Z') });
    expect(await say('nyncj-liaison', '登记检察建议 X号 nyncj 2026-03-02')).toContain('「登记检察建议」不适用于县农业农村局');
    expect(await say('jcy-officer', '登记检察建议 X号 nyncj 2026-03-09')).toContain('晚于今天');
    expect(await say('jcy-officer', '登记检察建议 X号')).toContain('格式不对');
    expect(await DeadlineDocumentModel.countDocuments()).toBe(0);

    expect(await say('jcy-officer', '登记检察建议 嘉检建〔2026〕1号 县农业农村局 2026-03-02 紧急')).toContain('期限：2026-03-17');
    expect(await say('sfj-officer', '调整期限 JY-2026-0001 2026-04-30')).toContain('只有签发单位');
    expect(await say('jw-officer', '回复 JY-2026-0001 旁观单位')).toContain('只有接收单位或签发单位');
    expect(await say('zhzf-liaison', '文书 JY-2026-0001')).toContain('找不到您可查看的文书');
    expect(await say('jcy-officer', '调整期限 JY-2026-0001 2026-04-30')).toContain('2026-04-30');
    expect(await pushed(bot, 'nyncj-liaison', '【期限调整】')).toHaveLength(1);
    expect((await DeadlineDocumentModel.findOne({ number: 'JY-2026-0001' }).lean())!.dueDate).toBe('2026-04-30');

    expect(await say('jcy-officer', '登记检察建议 嘉检建〔2026〕2号 nyncj 2026-03-02 期限 2026-03-20')).toContain('期限由签发单位指定，期限：2026-03-20');
  });

  it('registers a transfer to the police and follows its 令310 steps', async () => {
    bot = await startTestBot({ now: new Date('2026-06-05T02:00:00Z') });
    expect(await say('sfj-officer', '登记移送案件 嘉综执移〔2026〕1号 2026-06-05')).toContain('「登记移送案件」不适用于县司法局');
    const reply = await say('zhzf-liaison', '登记移送案件 嘉综执移〔2026〕1号 2026-06-05');
    expect(reply).toContain('YS-2026-0001');
    expect(reply).toContain('县公安局');
    expect(reply).toContain('期限：2026-06-08'); // 06-05 + 3 days = Monday 06-08

    bot.clock.set(new Date('2026-06-09T02:00:00Z'));
    expect(await say('zhzf-liaison', '回复 YS-2026-0001 公安机关决定不予立案')).toContain('提醒已停止');
    expect(await say('zhzf-liaison', '移送进展 YS-2026-0001 复议 2026-06-09')).toContain('请指明步骤');
    expect(await say('zhzf-liaison', '移送进展 YS-2026-0001 提请复议 2026-06-09')).toContain('进入「移送单位提请复议」，期限 2026-06-12');
    expect(await say('zhzf-liaison', '文书 YS-2026-0001')).toMatch(/办理中[\s\S]*当前步骤：移送单位提请复议/);
    await tickAt(bot, '2026-06-11T09:00:00+08:00');
    expect((await pushed(bot, 'zhzf-liaison', '还剩 1 天')).filter((text) => text.startsWith('【期限提醒】'))).toHaveLength(1);
  });
});

describe('a year without holiday data', () => {
  it('marks the deadline provisional, warns admins once, and recomputes when the table is added', async () => {
    bot = await startTestBot({ now: new Date('2026-11-02T02:00:00Z') });
    const reply = await say('jcy-officer', '登记检察建议 嘉检建〔2026〕9号 nyncj 2026-11-01');
    expect(reply).toContain('期限：2027-01-01');
    expect(reply).toContain('暂定');
    await say('jcy-officer', '登记检察建议 嘉检建〔2026〕10号 nyncj 2026-11-01');
    expect(await pushed(bot, 'admin', '2027年的节假日安排尚未录入')).toHaveLength(1);

    const dbName = bot.dbName;
    await bot.close();
    const configDir = mkdtempSync(join(tmpdir(), 'jsbot-config-'));
    cpSync('config', configDir, { recursive: true });
    writeFileSync(join(configDir, 'holidays.yaml'), 'years:\n  "2027":\n    holidays: [2027-01-01, 2027-01-02, 2027-01-03]\n    workdays: []\n');
    bot = await startTestBot({ dbName, roster: null, now: new Date('2026-11-03T02:00:00Z'), env: { CONFIG_DIR: configDir } });
    await tickAt(bot, '2026-11-03T10:00:00+08:00');
    const doc = await DeadlineDocumentModel.findOne({ number: 'JY-2026-0001' }).lean();
    expect(doc).toMatchObject({ dueDate: '2027-01-04', provisional: false });
    expect(await pushed(bot, 'nyncj-liaison', '期限由 2027-01-01 改为 2027-01-04')).toHaveLength(2);
  });
});
