import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClueRoute } from '../../src/config/routing';
import type { OutgoingMessage } from '../../src/kernel/messages';
import { ClueModel } from '../../src/store/mongo/models/clue';
import { DeadlineDocumentModel } from '../../src/store/mongo/models/deadline-document';
import { JointInspectionModel } from '../../src/store/mongo/models/joint-inspection';
import { OutboxModel } from '../../src/store/mongo/models/outbox';
import { RectificationItemModel } from '../../src/store/mongo/models/rectification-item';
import { decodePng, nonWhitePixels } from '../support/png';
import { startTestBot, type TestBot } from '../support/test-bot';

const run = promisify(execFile);
const NOW = new Date('2026-11-26T02:00:00Z'); // 2026-11-26 10:00 in Asia/Shanghai
const JW_SECRET = '某副局长收受贿赂二十万元';

async function send(bot: TestBot, userId: string, text: string): Promise<OutgoingMessage[]> {
  const res = await bot.post('/console/messages', JSON.stringify({ userId, text }));
  expect(res.status).toBe(200);
  return ((await res.json()) as { replies: OutgoingMessage[] }).replies;
}

async function say(bot: TestBot, userId: string, text: string): Promise<string> {
  return (await send(bot, userId, text)).map((r) => r.text).join('\n');
}

/** Runs `npm run cli -- import <file>` against the test database. */
async function cliImport(bot: TestBot, file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const uri = new URL(process.env.MONGODB_URI!);
  uri.pathname = `/${bot.dbName}`;
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'src/cli/index.ts', 'import', file], {
      env: { ...process.env, MONGODB_URI: uri.toString(), LOG_LEVEL: 'silent', NODE_ENV: 'test' },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function writeTemp(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'jsbot-import-')), name);
  writeFileSync(path, content);
  return path;
}

async function submitClue(bot: TestBot, at: string, route: ClueRoute, facts: string): Promise<void> {
  bot.clock.set(new Date(at));
  const sender = (await bot.services.roster.find('console', 'sfj-officer'))!;
  const category = { jw: '贪污贿赂', jcy: '生态环境和资源保护', sfj: '规范性文件审查' }[route];
  await bot.services.clues.submit(sender, { id: randomUUID(), facts, attachments: [], anonymous: false, route, category }, 'console');
}

/**
 * The county's figures: 3 joint inspections over 5 units (62 files), 5 notices from
 * sfj, 2 recommendations from jcy, 46 rectified problems in 2026 — plus one of each
 * just across the 2025/2026 boundary, which must count in 2025 only.
 */
async function seed(bot: TestBot): Promise<void> {
  await submitClue(bot, '2025-12-31T15:59:00Z', 'jcy', '河道污染线索甲'); // 2025-12-31 23:59 Shanghai
  await submitClue(bot, '2025-12-31T16:00:00Z', 'jcy', '河道污染线索乙'); // 2026-01-01 00:00 Shanghai
  await submitClue(bot, '2026-03-05T02:00:00Z', 'jw', JW_SECRET);
  await submitClue(bot, '2026-03-06T02:00:00Z', 'jw', '另一条纪检线索');
  await submitClue(bot, '2026-06-10T02:00:00Z', 'jcy', '食品安全线索');
  await submitClue(bot, '2026-10-10T02:00:00Z', 'sfj', '规范性文件冲突线索');
  await submitClue(bot, '2026-11-20T02:00:00Z', 'jcy', '国有财产流失线索');
  bot.clock.set(NOW);

  const sfj = (await bot.services.roster.find('console', 'sfj-officer'))!;
  const jcy = (await bot.services.roster.find('console', 'jcy-officer'))!;
  for (const [i, startDate] of ['2025-12-31', '2026-01-05', '2026-03-01', '2026-05-10', '2026-09-01', '2026-11-20'].entries()) {
    await bot.services.documents.register(sfj, { kind: 'notice', reference: `嘉司监〔2026〕${i}号`, recipient: 'zhzf', startDate, urgent: false });
  }
  for (const [i, startDate] of ['2026-02-01', '2026-10-15'].entries()) {
    await bot.services.documents.register(jcy, { kind: 'recommendation', reference: `嘉检建〔2026〕${i}号`, recipient: 'nyncj', startDate, urgent: false });
  }
  expect(await say(bot, 'nyncj-liaison', '回复 JY-2026-0001 已书面回复')).toContain('JY-2026-0001');

  for (const command of [
    '登记联合巡查 2026-03-10 nyncj jsj 抽查案卷20',
    '登记联合巡查 2026-06-18 zhzf、scjg 抽查案卷22',
    '登记联合巡查 2026-09-05 sthj 县农业农村局 抽查案卷20',
    '登记联合巡查 2025-12-20 gaj 抽查案卷5',
  ]) {
    expect(await say(bot, 'sfj-officer', command)).toContain('已登记联合巡查 XC-');
  }

  const owners: Record<string, string[]> = { 'XC-2026-0001': ['nyncj', 'jsj'], 'XC-2026-0002': ['zhzf', 'scjg'], 'XC-2026-0003': ['sthj', 'nyncj'] };
  const problems = Array.from({ length: 44 }, (_, i) => {
    const inspection = Object.keys(owners)[i % 3]!;
    return {
      ref: `P-${i}`,
      inspection,
      owner: owners[inspection]![i % 2]!,
      dueDate: '2026-10-31',
      text: `问题${i}`,
      doneDate: `2026-${i % 2 ? '09' : '10'}-${10 + (i % 18)}`,
    };
  });
  const csv = [
    'ref,inspection,owner,due_date,problem,done_date',
    ...problems.map((p) => [p.ref, p.inspection, p.owner, p.dueDate, p.text, p.doneDate].join(',')),
    'P-open,XC-2026-0001,jsj,2026-11-01,处罚决定未执行到位,',
    'P-2025,XC-2025-0001,gaj,2026-01-31,案卷归档不规范,2025-12-28',
  ].join('\n');
  const imported = await cliImport(bot, writeTemp('problems.csv', csv));
  expect(imported.stderr + imported.stdout).toContain('problems: 46 added, 0 already present');
  expect(imported.code).toBe(0);
  const self = JSON.stringify({ selfInspections: [{ unit: 'zhzf', month: '2026-10', casesChecked: 80, unexecuted: 5 }] });
  expect((await cliImport(bot, writeTemp('self.json', self))).code).toBe(0);
  expect(await say(bot, 'nyncj-liaison', '登记自查 nyncj 120 8')).toContain('未执行8件');

  const registered = await say(bot, 'sfj-officer', '登记问题 XC-2026-0003 sthj 2026-12-15 执法案卷记录不全');
  const number = /ZG-\d{4}-\d{4}/.exec(registered)![0];
  expect(await say(bot, 'sfj-officer', `整改销号 ${number} 已补正案卷`)).toContain('已销号');
  const second = /ZG-\d{4}-\d{4}/.exec(await say(bot, 'sfj-officer', '登记问题 XC-2026-0001 nyncj 2026-12-20 罚款未收缴'))![0];
  expect(await say(bot, 'nyncj-liaison', `整改销号 ${second} 罚款已收缴`)).toContain('已销号');
}

describe('leaders’ queries over the seeded county data', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ now: NOW });
    await seed(bot);
  }, 120_000);
  afterAll(async () => {
    await bot?.close();
  });

  it('简报 prints exactly the county’s figures for this year', async () => {
    const text = await say(bot, 'jcy-leader', '简报');
    expect(text).toContain(
      '截至2026年11月26日，已开展联合巡查活动3次，督查执法单位5家，县司法局制发《行政执法监督通知书》5份，县检察院发出《检察建议书》2份，整改各类问题46个。',
    );
    expect(text).toContain('线索移送：共6条，其中移送纪委监委2条、移送检察院3条、移送司法局1条。');
    expect(text).not.toContain(JW_SECRET);
  });

  it('every figure equals what the database holds for the period', async () => {
    const year = { $gte: '2026-01-01', $lte: '2026-12-31' };
    expect(await JointInspectionModel.countDocuments({ date: year })).toBe(3);
    expect(await DeadlineDocumentModel.countDocuments({ kind: 'notice', startDate: year })).toBe(5);
    expect(await DeadlineDocumentModel.countDocuments({ kind: 'recommendation', startDate: year })).toBe(2);
    expect(await RectificationItemModel.countDocuments({ status: 'done', doneDate: year })).toBe(46);
    expect(await ClueModel.countDocuments({ month: /^2026-/ })).toBe(6);
  });

  it('period boundaries follow Asia/Shanghai days', async () => {
    expect(await say(bot, 'sfj-leader', '简报 2025')).toContain(
      '截至2025年12月31日，已开展联合巡查活动1次，督查执法单位1家，县司法局制发《行政执法监督通知书》1份，县检察院发出《检察建议书》0份，整改各类问题1个。',
    );
    expect(await say(bot, 'sfj-leader', '简报 2025')).toContain('线索移送：共1条');
    const january = await say(bot, 'sfj-leader', '简报 2026-01');
    expect(january).toContain('截至2026年1月31日，已开展联合巡查活动0次，督查执法单位0家，县司法局制发《行政执法监督通知书》1份');
    expect(january).toContain('线索移送：共1条，其中移送纪委监委0条、移送检察院1条');
    expect(await say(bot, 'sfj-leader', '简报 本月')).toContain('整改各类问题2个。');
    expect(await say(bot, 'sfj-leader', '简报 本季度')).toContain('联合巡查活动0次');
    expect(await say(bot, 'sfj-leader', '简报 2027')).toContain('尚未开始');
  });

  it('概况 gives clues by agency and status, documents by status, meetings, inspections and rectification', async () => {
    const text = await say(bot, 'jw-leader', '概况');
    expect(text).toContain('线索移送：共6条（纪委监委线索2条只计数量、不列明细）');
    expect(text).toContain('• 纪委监委：2条（待受理2，已受理0，已办结0）');
    expect(text).toContain('• 检察院：3条（待受理3，已受理0，已办结0）');
    expect(text).toContain('• 检察建议书：2份（办理中1，逾期0，已回复1，已整改0）');
    expect(text).toMatch(/• 行政执法监督通知书：5份（办理中1，逾期4，已回复0，已整改0）/);
    expect(text).toContain('联席会议（2026年7–12月）：已召开0次，应召开1次');
    expect(text).toContain('联合巡查：3次，督查执法单位5家，抽查案卷62卷');
    expect(text).toContain('整改事项：本期巡查发现47个（未完成1，其中逾期1）；本期完成整改46个');
    expect(text).toContain('执法单位自查：2家单位自查案件200件，发现未执行13件');
    expect(text).not.toContain(JW_SECRET);
  });

  it('逾期 lists every overdue item oldest first, with type, recipient, days and stage', async () => {
    const text = await say(bot, 'sfj-organizer', '逾期');
    const lines = text.split('\n').filter((line) => /^\d+\. /.test(line));
    const expected =
      (await DeadlineDocumentModel.countDocuments({ status: 'open', dueDate: { $lt: '2026-11-26' } })) +
      (await RectificationItemModel.countDocuments({ status: 'open', dueDate: { $lt: '2026-11-26' } }));
    expect(text).toContain(`共${expected}项`);
    expect(lines).toHaveLength(expected);
    const dues = lines.map((line) => /到期 (\S+)，/.exec(line)![1]!);
    expect([...dues].sort()).toEqual(dues);
    expect(lines[0]).toContain('TZ-2026-0001 行政执法监督通知书 → 县综合行政执法局，到期 2026-01-30');
    expect(text).toMatch(/ZG-\d{4}-\d{4} 整改事项 → 县建设局，到期 2026-11-01，逾期 25 天，待升级督办/);
    expect(await say(bot, 'sfj-organizer', '逾期 9')).toContain('逾期事项共1页');
  });

  it('answers ten questions in plain Chinese, echoing how each was understood, with figures that match a direct count', async () => {
    const shanghai = (from: string, to: string) => ({ $gte: new Date(`${from}T00:00:00+08:00`), $lt: new Date(`${to}T00:00:00+08:00`) });
    const ask = (text: string) => say(bot, 'jcy-leader', text);
    const h1Jcy = await ClueModel.countDocuments({ route: 'jcy', submittedAt: shanghai('2026-01-01', '2026-07-01') });
    expect(await ask('问 今年上半年移送检察院的线索有几条')).toContain(`按 2026-01-01 至 2026-06-30、县人民检察院、线索、数量 统计：\n线索数量：${h1Jcy}`);
    const q3 = await ask('上季度各单位检察建议回复率？');
    expect(q3).toContain('按 2026-07-01 至 2026-09-30、检察建议书、回复率、按单位 统计：');
    expect(q3).toContain(
      `检察建议书回复率：${(await DeadlineDocumentModel.countDocuments({ kind: 'recommendation', startDate: { $gte: '2026-07-01', $lte: '2026-09-30' } })) ? '' : '无'}`,
    );
    const zhzf = await DeadlineDocumentModel.countDocuments({ kind: 'notice', recipient: 'zhzf', startDate: { $gte: '2026-09-01', $lte: '2026-11-26' } });
    expect(await ask('问 近三个月县综合执法局收到几份通知书')).toContain(
      `按 2026-09-01 至 2026-11-26、县综合行政执法局、行政执法监督通知书、数量 统计：\n行政执法监督通知书数量：${zhzf}`,
    );
    const overdueItems = await RectificationItemModel.countDocuments({
      owner: 'jsj',
      inspectionDate: { $gte: '2026-01-01', $lte: '2026-12-31' },
      status: 'open',
      dueDate: { $lt: '2026-11-26' },
    });
    expect(overdueItems).toBeGreaterThan(0);
    expect(await ask('问 今年住建局逾期的整改事项有多少')).toContain(`县建设局、逾期的整改事项、数量 统计：\n整改事项数量：${overdueItems}`);
    const recommendations = await DeadlineDocumentModel.find({ kind: 'recommendation', startDate: { $gte: '2026-01-01', $lte: '2026-12-31' } }).lean();
    const replied = recommendations.filter((d) => d.reply).length;
    expect(await ask('问 今年检察建议回复率')).toContain(
      `检察建议书回复率：${((100 * replied) / recommendations.length).toFixed(1)}%（${replied}/${recommendations.length}）`,
    );
    const inspections = await JointInspectionModel.countDocuments({ date: { $gte: '2026-01-01', $lte: '2026-11-26' } });
    expect(await ask('问 年初以来联合巡查几次')).toContain(`按 2026-01-01 至 2026-11-26、联合巡查、数量 统计：\n联合巡查数量：${inspections}`);
    const lastYear = await DeadlineDocumentModel.countDocuments({ kind: 'notice', startDate: { $gte: '2025-01-01', $lte: '2025-12-31' } });
    expect(await ask('问 去年通知书有几份')).toContain(`行政执法监督通知书数量：${lastYear}`);
    const marchJw = await ClueModel.countDocuments({ route: 'jw', submittedAt: shanghai('2026-03-01', '2026-04-01') });
    expect(marchJw).toBe(2);
    expect(await ask('2026年３月份移送纪委的线索多少条？')).toContain(`县纪委监委、线索、数量 统计：\n线索数量：${marchJw}`);
    const q4 = await DeadlineDocumentModel.countDocuments({ kind: 'notice', recipient: 'zhzf', startDate: { $gte: '2026-10-01', $lte: '2026-12-31' } });
    expect(await ask('问 本季度各单位通知书数量')).toContain(`• 县综合行政执法局：${q4}`);
    const concluded = await ClueModel.countDocuments({ status: 'concluded', submittedAt: shanghai('2026-01-01', '2027-01-01') });
    expect(await ask('问 今年已办结的线索多少条')).toContain(`已办结的线索、数量 统计：\n线索数量：${concluded}`);
    const lastWeek = await ClueModel.countDocuments({ route: 'jcy', submittedAt: shanghai('2026-11-16', '2026-11-23') });
    expect(await ask('问 上周移送检察院的线索有几条')).toContain(`按 2026-11-16 至 2026-11-22、县人民检察院、线索、数量 统计：\n线索数量：${lastWeek}`);
    expect((await ask('问 前年各单位检察建议回复率')).match(/期间内没有此类事项/g)).toHaveLength(1);
    expect(await ask('问 上季度回复了多少')).toBe('您问的是检察建议、通知书还是决定书？请带上类型再问一次。');
    expect(await say(bot, 'jcy-officer', '问 今年线索有几条')).toContain('「问」仅限');
  });

  it('a grouped question answers with the small table, a chart image and drill-down/export buttons; a misspelt unit is asked', async () => {
    const [grouped] = await send(bot, 'jcy-leader', '问 今年各单位通知书按期率');
    const notices = await DeadlineDocumentModel.find({ kind: 'notice', startDate: { $gte: '2026-01-01', $lte: '2026-12-31' } }).lean();
    const onTime = notices.filter((d) => d.reply && !d.reply.late).length;
    expect(grouped!.text).toContain('按 2026-01-01 至 2026-12-31、行政执法监督通知书、按期率、按单位 统计：');
    expect(grouped!.text).toContain(`• 县综合行政执法局：${((100 * onTime) / notices.length).toFixed(1)}%（${onTime}/${notices.length}）`);
    expect(grouped!.buttons).toEqual(['问 综合执法局今年通知书按期率', '导出 2026']);
    expect(grouped!.image?.url).toMatch(/^\/reports\/charts\/[\w-]{43}\.png$/);
    const res = await bot.open(`${bot.url}${grouped!.image!.url}`, 'jcy-leader');
    expect(res.status).toBe(200);
    const image = decodePng(Buffer.from(await res.arrayBuffer()));
    expect([image.width, image.height]).toEqual([960, 540]);
    expect(nonWhitePixels(image)).toBeGreaterThan(960 * 540 * 0.01);
    // The drill-down button asks the same question of that unit.
    const [drilled] = await send(bot, 'jcy-leader', grouped!.buttons![0]!);
    expect(drilled!.text).toContain('按 2026-01-01 至 2026-12-31、县综合行政执法局、行政执法监督通知书、按期率 统计：');
    expect(drilled!.image).toBeUndefined();

    const [monthly] = await send(bot, 'jcy-leader', '问 今年上半年按月统计通知书数量');
    expect(monthly!.text).toContain('• 2026-03：1');
    expect(monthly!.buttons).toContain('问 2026年1月统计通知书数量');
    expect(monthly!.image?.url).toBeDefined();

    const [typo] = await send(bot, 'jcy-leader', '问 近三个月市场监管句收到几份通知书');
    expect(typo!.text).toBe('找不到单位「市场监管句」。您是不是要找：县市场监督管理局？请点选，或换个说法再问。');
    expect(typo!.buttons).toEqual(['问 近三个月县市场监督管理局收到几份通知书']);
    const scjg = await DeadlineDocumentModel.countDocuments({ kind: 'notice', recipient: 'scjg', startDate: { $gte: '2026-09-01', $lte: '2026-11-26' } });
    expect(await say(bot, 'jcy-leader', typo!.buttons![0]!)).toContain(`县市场监督管理局、行政执法监督通知书、数量 统计：\n行政执法监督通知书数量：${scjg}`);
    expect(await say(bot, 'jcy-leader', '问 今年以来线索回复率')).toContain('线索只统计数量，没有回复率。');
  });

  it('these commands are for leaders and organizers; others are told politely', async () => {
    for (const command of ['概况', '逾期', '简报', '趋势', '导出']) {
      const reply = await say(bot, 'jcy-officer', command);
      expect(reply, command).toContain(`「${command}」仅限`);
      expect(reply).toContain('领导');
    }
    expect(await say(bot, 'jcy-officer', '帮助')).not.toContain('简报');
    expect(await say(bot, 'jcy-leader', '帮助')).toContain('简报');
  });

  it('趋势 returns a chart link that opens, as a readable PNG, for the requester only, until it expires', async () => {
    const [reply] = await send(bot, 'jcy-leader', '趋势');
    const overdueTotal = /共(\d+)项/.exec(await say(bot, 'jcy-leader', '逾期'))![1];
    expect(reply!.text).toContain(`，月末逾期存量${overdueTotal}项。`);
    expect(reply!.text).toContain('「当月到期未按期办结」= 期限落在该月、未按期办结的事项；「月末逾期存量」= ');
    expect(reply!.image?.url).toMatch(/^\/reports\/charts\/[\w-]{43}\.png$/);
    const url = `${bot.url}${reply!.image!.url}`;
    const res = await bot.open(url, 'jcy-leader');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const image = decodePng(Buffer.from(await res.arrayBuffer()));
    expect([image.width, image.height]).toEqual([960, 540]);
    expect(nonWhitePixels(image)).toBeGreaterThan(960 * 540 * 0.05);
    expect((await bot.open(url, 'sfj-leader')).status).toBe(404);
    // An identity in the query is not an identity: the link carries none and takes none.
    expect((await fetch(`${url}?userId=jcy-leader`)).status).toBe(404);
    const files = bot.services.reports.files;
    expect((await files.openUrl(reply!.image!.url, { channel: 'console', userId: 'jcy-leader' }))?.contentType).toBe('image/png');
    expect(await files.openUrl(reply!.image!.url, { channel: 'wecom', userId: 'jcy-leader' })).toBeNull();
    expect((await fetch(url)).status).toBe(404);
    bot.clock.advance(31 * 60_000);
    expect((await bot.open(url, 'jcy-leader')).status).toBe(404);
    bot.clock.set(NOW);
  });

  it('导出 builds a workbook with one sheet per register; jw clues only as a number outside jw', async () => {
    const texts: Record<string, string> = {};
    const open = async (userId: string) => {
      const [reply] = await send(bot, userId, '导出');
      expect(reply!.file?.name).toBe('联合监督-2026.xlsx');
      texts[userId] = reply!.text;
      const res = await bot.open(reply!.file!.url, userId);
      expect(res.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
      return workbook;
    };
    const rows = (workbook: ExcelJS.Workbook, name: string) => workbook.getWorksheet(name)!.actualRowCount - 1;
    const jcy = await open('jcy-leader');
    expect(jcy.worksheets.map((s) => s.name)).toEqual(['说明', '线索', '文书', '会议', '联合巡查', '整改事项', '执法单位自查', '执法信息报送']);
    expect(rows(jcy, '线索')).toBe(4);
    expect(rows(jcy, '文书')).toBe(7);
    expect(rows(jcy, '会议')).toBe(0);
    expect(rows(jcy, '联合巡查')).toBe(3);
    expect(rows(jcy, '整改事项')).toBe(47);
    expect(rows(jcy, '执法单位自查')).toBe(2);
    const about = JSON.stringify(jcy.getWorksheet('说明')!.getSheetValues());
    expect(about).toContain('纪委监委线索2条只计数量、不列明细');
    // The same count and words as 概况.
    expect(texts['jcy-leader']).toContain('（线索6（纪委监委线索2条只计数量、不列明细）、文书7、');
    // An organizer views only its own agency's clues (config/visibility.yaml), so that is all 导出 lists.
    const jw = await open('jw-organizer');
    expect(rows(jw, '线索')).toBe(2);
    expect(texts['jw-organizer']).toContain('（线索2、文书7、');
    for (const workbook of [jcy, jw]) {
      const everything = JSON.stringify(workbook.worksheets.map((s) => s.getSheetValues()));
      expect(everything).not.toContain(JW_SECRET);
      expect(everything).not.toContain('河道污染');
    }
  });
});

describe('the import command', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ now: NOW });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('reports every bad row and writes nothing; a good file twice adds it once', async () => {
    const bad = {
      inspections: [
        { ref: 'A', date: '2026-02-30', units: ['nyncj'], problems: [] },
        { ref: 'B', date: '2026-03-01', units: ['jcy'], problems: [] },
        { ref: 'C', date: '2026-03-01', units: ['nyncj'], problems: [{ ref: 'C1', owner: 'jsj', dueDate: '2026-04-01', text: '问题' }] },
        { ref: 'D', date: '2026-03-01', units: ['zhzf'], filesSampled: 9 },
      ],
      selfInspections: [{ unit: 'nyncj', month: '2026-03', casesChecked: 1, unexecuted: 2 }],
    };
    const failed = await cliImport(bot, writeTemp('bad.json', JSON.stringify(bad)));
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('nothing imported, 4 problem(s)');
    expect(failed.stderr).toContain('inspections[0]: 巡查日期「2026-02-30」不是有效日期');
    expect(failed.stderr).toContain('inspections[1]: 县人民检察院不是行政执法单位');
    expect(failed.stderr).toContain('inspections[2].problems[0]: owner jsj 不是该次巡查的督查单位');
    expect(failed.stderr).toContain('selfInspections[0]: unexecuted 不能大于 cases_checked');
    expect(await JointInspectionModel.countDocuments()).toBe(0);

    const good = JSON.stringify({
      inspections: [
        { ref: 'D', date: '2026-03-01', units: ['zhzf', 'jsj'], filesSampled: 9, problems: [{ ref: 'D1', owner: 'jsj', dueDate: '2026-12-31', text: '问题' }] },
      ],
    });
    const file = writeTemp('good.json', good);
    const first = await cliImport(bot, file);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('inspections: 1 added, 0 already present');
    const again = await cliImport(bot, file);
    expect(again.stdout).toContain('inspections: 0 added, 1 already present');
    expect(again.stdout).toContain('problems: 0 added, 1 already present');
    expect(await JointInspectionModel.countDocuments()).toBe(1);
    expect(await RectificationItemModel.countDocuments({ owner: 'jsj', status: 'open' })).toBe(1);
    // Three CLI processes (tsx) start here: on a loaded 2-core machine that alone can pass 30 s.
  }, 120_000);
});

describe('定期通报 and rectification reminders', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ now: new Date('2025-12-20T02:00:00Z') });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('pushes the previous month’s 简报 to every leader once, on the first working day at 09:00', async () => {
    expect(await say(bot, 'sfj-officer', '登记联合巡查 2025-12-10 nyncj 抽查案卷3')).toContain('XC-2025-0001');
    const bulletins = () => OutboxModel.countDocuments({ key: /^bulletin:2025-12:/ });
    // January 2026: 1–3 are the New Year holiday, Sunday the 4th a make-up working day.
    await bot.scheduler.tick(new Date('2026-01-02T01:00:00Z'));
    expect(await bulletins()).toBe(0);
    await bot.scheduler.tick(new Date('2026-01-04T00:59:00Z'));
    expect(await bulletins()).toBe(0);
    await bot.scheduler.tick(new Date('2026-01-04T01:00:00Z'));
    await bot.scheduler.tick(new Date('2026-01-04T01:01:00Z'));
    await Promise.all([bot.scheduler.tick(new Date('2026-01-05T01:00:00Z')), bot.scheduler.tick(new Date('2026-01-05T01:00:00Z'))]);
    const leaders = await bot.services.roster.withRole('leader');
    expect(await bulletins()).toBe(leaders.length);
    for (const leader of leaders) {
      const pushed = (await bot.outbox(leader.userId)).filter((m) => m.text.startsWith('【定期通报】'));
      expect(pushed, leader.userId).toHaveLength(1);
      expect(pushed[0]!.text).toContain('截至2025年12月31日，已开展联合巡查活动1次，督查执法单位1家');
    }
    expect((await bot.outbox('sfj-officer')).some((m) => m.text.startsWith('【定期通报】'))).toBe(false);
  });

  it('reminds the owner unit before the due date, escalates once overdue, and stops after 整改销号', async () => {
    bot.clock.set(new Date('2026-01-05T02:00:00Z'));
    const registered = await say(bot, 'sfj-officer', '登记问题 XC-2025-0001 nyncj 2026-01-20 罚款未执行');
    const number = /ZG-\d{4}-\d{4}/.exec(registered)![0];
    expect((await bot.outbox('nyncj-liaison')).some((m) => m.text.includes(`整改编号 ${number}`))).toBe(true);
    const reminders = async (userId: string) => (await bot.outbox(userId)).filter((m) => m.text.includes(number) && /【整改(提醒|逾期)】/.test(m.text));
    await bot.scheduler.tick(new Date('2026-01-13T01:00:00Z')); // 7 days before
    await bot.scheduler.tick(new Date('2026-01-13T01:05:00Z'));
    expect(await reminders('nyncj-liaison')).toHaveLength(1);
    // 1 day before, due day and first overdue day, all missed: folded into one current reminder, marked late.
    await bot.scheduler.tick(new Date('2026-01-21T01:00:00Z'));
    expect(await reminders('nyncj-liaison')).toHaveLength(2);
    const escalations = (await bot.outbox('sfj-leader')).filter((m) => m.text.startsWith('【逾期督办】') && m.text.includes(number));
    expect(escalations).toHaveLength(1);
    bot.clock.set(new Date('2026-01-22T02:00:00Z'));
    expect(await say(bot, 'nyncj-liaison', `整改销号 ${number} 已执行到位`)).toContain('逾期完成');
    await bot.scheduler.tick(new Date('2026-02-28T01:00:00Z'));
    expect(await reminders('nyncj-liaison')).toHaveLength(2);
    expect(await say(bot, 'jcy-officer', `整改销号 ${number} 试图销号`)).toContain('找不到您可销号的整改事项');
  });
});
