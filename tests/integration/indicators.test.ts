import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../../src/kernel/messages';
import { pushed, tickAt } from '../support/deadline-helpers';
import { startTestBot, type TestBot } from '../support/test-bot';

async function send(bot: TestBot, userId: string, text: string): Promise<OutgoingMessage[]> {
  const res = await bot.post('/console/messages', JSON.stringify({ userId, text }));
  expect(res.status).toBe(200);
  return ((await res.json()) as { replies: OutgoingMessage[] }).replies;
}

async function say(bot: TestBot, userId: string, text: string): Promise<string> {
  return (await send(bot, userId, text)).map((r) => r.text).join('\n');
}

async function download(bot: TestBot, url: string, userId: string): Promise<Buffer> {
  const res = await bot.open(url, userId);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

/** What was entered for 县农业农村局 in 2026, as each indicator must read it. */
const NYNCJ = {
  接受联合巡查次数: '1',
  巡查发现问题数: '2',
  已整改问题数: '1',
  问题整改率: '50.0%（1/2）',
  监督通知书和检察建议书按期办复率: '50.0%（1/2）',
  行政复议纠错率: '50.0%（1/2）',
  行政诉讼败诉率: '—',
  过错责任追究案件数: '1',
  已结案件自查报送完整率: '8.3%（1/12）',
  行政争议调解成功率: '100.0%（1/1）',
};

/** 线索移送按期办理率 of 县人民检察院 (and the county: no other agency received a clue): one on time of three decided. */
const CLUES_ON_TIME = '33.3%（1/3）';
const JCY = { 线索移送按期办理率: CLUES_ON_TIME };
const POLLUTION = '县农业农村局对某养殖场向河道排放污水的问题长期不作为，河水发黑发臭';

/** Submits a clue (routed to the procuratorate) as of `day` and returns its number. */
async function submitClue(bot: TestBot, day: string): Promise<string> {
  bot.clock.set(new Date(`${day}T02:00:00Z`));
  await say(bot, 'sfj-officer', `提交线索：${POLLUTION} 实名`);
  const confirmed = await say(bot, 'sfj-officer', '确认');
  expect(confirmed).toContain('县人民检察院');
  return /XS-\d{4}-\d{4}/.exec(confirmed)![0];
}

/** `text` as jcy-officer on `day` (10:00 Asia/Shanghai). */
async function jcyOn(bot: TestBot, day: string, text: string, expected: string): Promise<void> {
  bot.clock.set(new Date(`${day}T02:00:00Z`));
  expect(await say(bot, 'jcy-officer', text)).toContain(expected);
}

describe('法治政府年度指标: chat, workbook, report draft and the February reminder', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ now: new Date('2026-12-03T02:00:00Z') });
    // Clues to 县人民检察院 (acceptance within 15 working days, handling within 30 working days):
    // accepted and concluded on time; accepted late; accepted on time but its handling period passed
    // unconcluded; and one accepted, still within its handling period to the year's end (not counted, missing).
    const onTime = await submitClue(bot, '2026-09-01');
    const acceptedLate = await submitClue(bot, '2026-09-01');
    const handlingPassed = await submitClue(bot, '2026-09-01');
    await jcyOn(bot, '2026-09-02', `受理 ${onTime}`, '已受理');
    await jcyOn(bot, '2026-09-10', `办结 ${onTime} 已发出诉前检察建议`, '已办结');
    await jcyOn(bot, '2026-09-02', `受理 ${handlingPassed}`, '已受理');
    await jcyOn(bot, '2026-10-20', `受理 ${acceptedLate}`, '已受理');
    await jcyOn(bot, '2026-10-21', `办结 ${acceptedLate} 已立案审查`, '已办结');
    const stillOpen = await submitClue(bot, '2026-12-03');
    await jcyOn(bot, '2026-12-03', `受理 ${stillOpen}`, '已受理');
    const sfj = (await bot.services.roster.find('console', 'sfj-officer'))!;
    const jcy = (await bot.services.roster.find('console', 'jcy-officer'))!;
    const entries: [string, string, string][] = [
      ['sfj-officer', '登记联合巡查 2026-03-10 nyncj jsj 抽查案卷20', '已登记联合巡查 XC-2026-0001'],
      ['sfj-officer', '登记问题 XC-2026-0001 nyncj 2026-12-31 罚没款未按期缴库', 'ZG-2026-0001'],
      ['sfj-officer', '登记问题 XC-2026-0001 nyncj 2026-12-31 案卷装订不规范', 'ZG-2026-0002'],
      ['nyncj-liaison', '整改销号 ZG-2026-0001 已全部缴库', '已销号'],
      ['sfj-officer', '登记复议诉讼 复议 嘉政复〔2026〕1号 nyncj 2026-05-10 行政处罚 撤销 事实不清证据不足', '已登记'],
      ['sfj-officer', '登记复议诉讼 复议 嘉政复〔2026〕2号 nyncj 2026-06-10 行政处罚 维持', '已登记'],
      ['nyncj-liaison', '登记自查 nyncj 120 8', '自查'],
      ['sfj-officer', '登记调解 nyncj 复议前 养殖户对责令停产不服', 'TJ-2026-0001'],
      ['sfj-officer', '调解结果 TJ-2026-0001 调解成功', '已办结'],
    ];
    for (const [user, text, expected] of entries) expect(await say(bot, user, text)).toContain(expected);
    await bot.services.documents.register(sfj, { kind: 'notice', reference: '嘉司监〔2026〕1号', recipient: 'nyncj', startDate: '2026-10-01', urgent: false });
    const recommendation = await bot.services.documents.register(jcy, {
      kind: 'recommendation',
      reference: '嘉检建〔2026〕1号',
      recipient: 'nyncj',
      startDate: '2026-11-20',
      urgent: false,
    });
    expect(await say(bot, 'nyncj-liaison', `回复 ${recommendation.number} 已书面回复`)).toContain(recommendation.number);
    for (const text of ['立案追责', 'nyncj', '不详', '直接', '罚没款长期未缴库', '确认']) await say(bot, 'sfj-officer', text);
  }, 120_000);
  afterAll(async () => bot.close());

  it('年度指标 shows each indicator as entered, with what is still missing', async () => {
    const text = await say(bot, 'sfj-leader', '年度指标 2026 nyncj');
    for (const [name, value] of Object.entries(NYNCJ)) expect(text).toContain(`${name}：${value}`);
    expect(text).toContain('自查缺11个月');
    expect(text).toContain('1件文书到期未登记答复（TZ-2026-0001）');
    expect(text).toContain('1件追责案件未结案');
    const county = await say(bot, 'sfj-leader', '年度指标');
    expect(county).toContain('全县（各单位合计）');
    // Summary first: the county's totals, then one short line per unit; a unit's figures are one command away.
    expect(county.split('\n').length).toBeLessThan(30);
    expect(county).toMatch(/^ {2}县建设局：(待补充\d+项|数据齐全)$/m);
    expect(county).not.toContain('县建设局：接受联合巡查次数');
    expect(county).toContain('「年度指标 2026 <单位>」');
    expect(await say(bot, 'jcy-officer', '年度指标')).toContain('仅限');
  });

  it('线索移送按期办理率 is counted for the receiving agency and the county, never for an enforcement unit', async () => {
    const jcy = await say(bot, 'sfj-leader', '年度指标 2026 检察院');
    expect(jcy).toContain(`线索移送按期办理率：${CLUES_ON_TIME}`);
    expect(jcy).toContain('待补充：1件线索尚未办结');
    expect(jcy).not.toContain('问题整改率');
    expect(await say(bot, 'sfj-leader', '年度指标 2026 纪委')).toContain('线索移送按期办理率：—');
    expect(await say(bot, 'sfj-leader', '年度指标 2026 nyncj')).not.toContain('线索移送按期办理率');
    const county = await say(bot, 'sfj-leader', '年度指标 2026');
    expect(county).toContain(`线索移送按期办理率：${CLUES_ON_TIME}`);
    expect(county).toMatch(/^线索接收机关：\n {2}县纪委监委：数据齐全\n {2}县人民检察院：待补充1项$/m);
  });

  it('导出年度指标 2026 gives a workbook with each unit and the county, and a .docx draft with the same figures', async () => {
    const [book, draft] = await send(bot, 'sfj-leader', '导出年度指标 2026');
    expect(book!.file!.name).toBe('法治政府年度指标-2026.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download(bot, book!.file!.url, 'sfj-leader')) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '全县汇总',
      '农业农村局',
      '建设局',
      '综合执法局',
      '市场监管局',
      '生态环境分局',
      '公安局',
      '纪委监委',
      '检察院',
      '司法局',
    ]);
    const sheet = workbook.getWorksheet('农业农村局')!;
    const values: Record<string, string> = {};
    sheet.eachRow((row, n) => {
      if (n > 1) values[String(row.getCell(1).value)] = String(row.getCell(2).value);
    });
    expect(values).toEqual(NYNCJ);
    const jcyValues: Record<string, string> = {};
    workbook.getWorksheet('检察院')!.eachRow((row, n) => {
      if (n > 1) jcyValues[String(row.getCell(1).value)] = String(row.getCell(2).value);
    });
    expect(jcyValues).toEqual(JCY);
    const summary = workbook.getWorksheet('全县汇总')!;
    const last = summary.getRow(summary.rowCount);
    expect(last.getCell(1).value).toBe('各单位合计');
    expect(last.getCell(2).value).toBe('2');
    const column = (summary.getRow(1).values as unknown[]).indexOf('线索移送按期办理率');
    expect(last.getCell(column).value).toBe(CLUES_ON_TIME);
    const rowOf = (name: string) => summary.getRows(2, summary.rowCount - 1)!.find((row) => row.getCell(1).value === name)!;
    expect(rowOf('县人民检察院').getCell(column).value).toBe(CLUES_ON_TIME);
    expect(rowOf('县人民检察院').getCell(2).value).toBe('不适用');
    expect(rowOf('县农业农村局').getCell(column).value).toBe('不适用');

    expect(draft!.file!.name).toBe('法治政府年度指标报告-2026（草稿）.docx');
    const zip = await JSZip.loadAsync(await download(bot, draft!.file!.url, 'sfj-leader'));
    const xml = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(xml).toContain('2026年度法治政府建设行政执法监督指标报告（草稿）');
    expect(xml).toContain('县农业农村局');
    for (const value of Object.values(NYNCJ)) expect(xml).toContain(value);
    expect(xml).toContain(`线索移送按期办理率${CLUES_ON_TIME}`);
    // The agency's own table: its name, the header, the indicator and its value.
    expect(xml.replace(/\s+/g, '')).toContain(`县人民检察院指标数值线索移送按期办理率${CLUES_ON_TIME}`);
    expect(xml).toContain('线索不记载移送的执法单位');
    expect(xml).toContain('待补充数据');
  });

  it('in February the justice bureau organizers are reminded of the report due by 1 March, with the missing data, once per reminder day', async () => {
    await tickAt(bot, '2027-01-31T09:00:00+08:00');
    expect(await pushed(bot, 'sfj-organizer', '【年度指标提醒】')).toHaveLength(0);
    await tickAt(bot, '2027-02-01T09:00:00+08:00');
    await tickAt(bot, '2027-02-01T10:00:00+08:00');
    const [reminder, ...more] = await pushed(bot, 'sfj-organizer', '【年度指标提醒】');
    expect(more).toHaveLength(0);
    expect(reminder).toContain('2026年度法治政府指标报告须于2027年3月1日前报送');
    expect(reminder).toContain('• 县农业农村局：自查缺11个月');
    expect(reminder).toContain('• 县建设局：自查缺12个月');
    expect(reminder).toContain('• 县人民检察院：1件线索尚未办结（办结或期限届满后计入按期办理率）');
    expect(await pushed(bot, 'sfj-officer', '【年度指标提醒】')).toHaveLength(0);
    await tickAt(bot, '2027-02-15T09:00:00+08:00');
    expect(await pushed(bot, 'sfj-organizer', '【年度指标提醒】')).toHaveLength(2);
    await tickAt(bot, '2027-03-01T09:00:00+08:00');
    expect(await pushed(bot, 'sfj-organizer', '【年度指标提醒】')).toHaveLength(2);
  }, 120_000);
});
