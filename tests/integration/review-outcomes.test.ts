import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../../src/kernel/messages';
import { ReviewOutcomeModel } from '../../src/store/mongo/models/review-outcome';
import { runCli, writeTemp } from '../support/cli';
import { decodePng, nonWhitePixels } from '../support/png';
import { REVIEW_CSV, REVIEW_ROWS } from '../support/review-records';
import { startTestBot, type TestBot } from '../support/test-bot';

// Each CLI run starts tsx afresh: slow on a loaded machine.
const CLI_TIMEOUT = 240_000;

async function send(bot: TestBot, userId: string, text: string): Promise<OutgoingMessage[]> {
  const res = await bot.post('/console/messages', JSON.stringify({ userId, text }));
  expect(res.status).toBe(200);
  return ((await res.json()) as { replies: OutgoingMessage[] }).replies;
}

describe('复议纠错与诉讼败诉: import, registration and 分析', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ now: new Date('2026-12-03T02:00:00Z') });
  }, 30_000);
  afterAll(async () => bot.close());

  it(
    'a file with bad rows is refused row by row and writes nothing',
    async () => {
      const bad = [
        'kind,case_number,unit,decided_on,act_type,outcome,reason',
        '复议,嘉政复〔2026〕91号,nyncj,2026-02-30,行政处罚,撤销,明显不当',
        '仲裁,嘉政复〔2026〕92号,nyncj,2026-02-01,行政处罚,撤销,明显不当',
        '复议,嘉政复〔2026〕93号,县局,2026-02-01,行政处罚,撤销,',
        '复议,嘉政复〔2026〕94号,nyncj,2026-02-01,行政处罚,维持,',
      ].join('\n');
      const result = await runCli(bot, ['review', 'import', writeTemp('bad.csv', bad)]);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain('nothing imported, 3 problem(s)');
      expect(result.stderr).toMatch(/line 2: 决定日期「2026-02-30」不是有效日期/);
      expect(result.stderr).toMatch(/line 3: 类型「仲裁」须为 复议 或 诉讼/);
      expect(result.stderr).toMatch(/line 4: .*县局/);
      expect(await ReviewOutcomeModel.countDocuments()).toBe(0);
    },
    CLI_TIMEOUT,
  );

  it(
    'twenty records imported from a CSV give the per-unit rates, top reasons, trend, flag and a chart',
    async () => {
      const file = writeTemp('review.csv', REVIEW_CSV);
      const first = await runCli(bot, ['review', 'import', file]);
      expect(first.stdout).toContain('20 added, 0 already present');
      expect(await ReviewOutcomeModel.countDocuments()).toBe(20);

      const [reply] = await send(bot, 'sfj-leader', '分析 2026');
      const text = reply!.text;
      expect(text).toContain('2026年（对比2025年）');
      const block = (unit: string) => text.slice(text.indexOf(unit)).split('\n').slice(0, 4).join('\n');
      expect(block('县农业农村局')).toContain('复议6件，纠错3件，纠错率50.0%↑（上期0.0%）');
      expect(block('县农业农村局')).toContain('诉讼2件，败诉1件，败诉率50.0%');
      expect(block('县农业农村局')).toContain('主要原因：事实不清证据不足2件、明显不当1件、违反法定程序1件');
      expect(block('县建设局')).toContain('复议4件，纠错1件，纠错率25.0%↓（上期100.0%）');
      expect(block('县建设局')).toContain('诉讼2件，败诉0件，败诉率0.0%');
      expect(block('县综合行政执法局')).toContain('复议2件，纠错0件，纠错率0.0%');
      expect(block('县综合行政执法局')).toContain('诉讼1件，败诉1件，败诉率100.0%');
      expect(text).toContain('⚠ 县农业农村局');
      expect(text).toMatch(/建议列入下次联合巡查：县农业农村局$/m);

      const res = await bot.open(reply!.image!.url, 'sfj-leader');
      expect(res.status).toBe(200);
      const image = decodePng(Buffer.from(await res.arrayBuffer()));
      expect(nonWhitePixels(image)).toBeGreaterThan(1000);

      const [one] = await send(bot, 'sfj-leader', '分析 jsj 2026');
      expect(one!.text).not.toContain('县农业农村局');
      expect(one!.text).toContain('纠错率25.0%');
    },
    CLI_TIMEOUT,
  );

  it('a unit flagged by 分析 is carried into the next joint inspection until one covers it', async () => {
    const [without] = await send(bot, 'sfj-officer', '登记联合巡查 2026-12-02 jsj 抽查案卷8');
    expect(without!.text).toContain('复议纠错率或诉讼败诉率今年上升的单位：县农业农村局');
    expect(without!.text).toContain('尚未列入：县农业农村局，建议列入下次联合巡查');
    const [listed] = await send(bot, 'sfj-officer', '巡查');
    expect(listed!.text).toContain('尚未列入：县农业农村局');
    const [covering] = await send(bot, 'sfj-officer', '登记联合巡查 2026-12-03 nyncj 抽查案卷10');
    expect(covering!.text).toContain('本次巡查已包含：县农业农村局');
    expect(covering!.text).not.toContain('尚未列入');
    const [after] = await send(bot, 'sfj-officer', '巡查');
    expect(after!.text).not.toContain('尚未列入');
  });

  it(
    'an Excel file imports the same way; a record can be registered in chat',
    async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('records');
      sheet.addRow(['类型', '案号', '单位', '决定日期', '行为类型', '结果', '原因类别']);
      sheet.addRow(['诉讼', '(2026)浙0421行初9号', 'scjg', new Date(Date.UTC(2026, 10, 5)), '行政处罚', '撤销', '超越或滥用职权']);
      const file = writeTemp('review.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
      expect((await runCli(bot, ['review', 'import', file])).stdout).toContain('1 added');
      const stored = await ReviewOutcomeModel.findOne({ caseNumber: '(2026)浙0421行初9号' }).lean();
      expect(stored).toMatchObject({ kind: 'litigation', unit: 'scjg', decidedOn: '2026-11-05', adverse: true });

      const [ok] = await send(bot, 'sfj-officer', '登记复议诉讼 复议 嘉政复〔2026〕50号 scjg 2026-11-20 行政处罚 维持');
      expect(ok!.text).toContain('已登记 行政复议 嘉政复〔2026〕50号');
      const [again] = await send(bot, 'sfj-officer', '登记复议诉讼 复议 嘉政复〔2026〕50号 scjg 2026-11-20 行政处罚 维持');
      expect(again!.text).toContain('已登记，无需重复登记');
      const [scjg] = await send(bot, 'sfj-leader', '分析 scjg');
      expect(scjg!.text).toContain('复议1件，纠错0件');
      expect(scjg!.text).toContain('诉讼1件，败诉1件，败诉率100.0%');
      expect(REVIEW_ROWS).toHaveLength(20);
    },
    CLI_TIMEOUT,
  );
});
