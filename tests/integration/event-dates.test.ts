import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../../src/kernel/messages';
import { parseLocalDate } from '../../src/kernel/time/local-date';
import { trendData } from '../../src/domain/reports/trend';
import { DeadlineDocumentModel } from '../../src/store/mongo/models/deadline-document';
import { startTestBot, type TestBot } from '../support/test-bot';

async function send(bot: TestBot, userId: string, text: string): Promise<OutgoingMessage[]> {
  const res = await bot.post('/console/messages', JSON.stringify({ userId, text }));
  expect(res.status).toBe(200);
  return ((await res.json()) as { replies: OutgoingMessage[] }).replies;
}

const say = async (bot: TestBot, userId: string, text: string) => (await send(bot, userId, text)).map((r) => r.text).join('\n');

describe('answers recorded late count from the day they happened', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ now: new Date('2026-09-01T02:00:00Z') });
    // Served 08-01: two months end 10-01, in the National Day holiday → due 10-08.
    expect(await say(bot, 'jcy-officer', '登记检察建议 嘉检建〔2026〕11号 nyncj 2026-08-01')).toContain('期限：2026-10-08');
    expect(await say(bot, 'jcy-officer', '登记检察建议 嘉检建〔2026〕12号 nyncj 2026-08-01')).toContain('期限：2026-10-08');
    bot.clock.set(new Date('2026-12-03T02:00:00Z'));
  });
  afterAll(() => bot.close());

  it('refuses a date after today or before the start, changing nothing', async () => {
    expect(await say(bot, 'nyncj-liaison', '回复 JY-2026-0001 2026-12-05 已书面回复')).toContain('晚于今天');
    expect(await say(bot, 'nyncj-liaison', '回复 JY-2026-0001 2026-07-30 已书面回复')).toContain('早于起算日 2026-08-01');
    expect(await say(bot, 'nyncj-liaison', '回复 JY-2026-0001 2026-02-30 已书面回复')).toContain('不是有效日期');
    expect((await DeadlineDocumentModel.findOne({ number: 'JY-2026-0001' }).lean())!.status).toBe('open');
  });

  it('a reply entered on 12-03 dated 09-28 is on time in the answer, 文书, 概况, 逾期, 导出 and 趋势', async () => {
    expect(await say(bot, 'nyncj-liaison', '回复 JY-2026-0001 2026-9-28 已书面回复并整改')).toContain('2026-09-28，按期');
    // The other one is recorded today without a date: 56 days late.
    expect(await say(bot, 'nyncj-liaison', '回复 JY-2026-0002 已书面回复')).toContain('2026-12-03，逾期 56 天');
    expect(await say(bot, 'jcy-officer', '文书 JY-2026-0001')).toContain('2026-09-28 回复');

    const overview = await say(bot, 'jcy-leader', '概况');
    expect(overview).toContain('逾期0，已回复2');
    expect(await say(bot, 'jcy-leader', '逾期')).toContain('目前没有逾期事项');

    const [file] = await send(bot, 'jcy-leader', '导出');
    const res = await bot.open(file!.file!.url, 'jcy-leader');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
    const sheet = workbook.getWorksheet('文书')!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    const columns = ['编号', '回复日期', '是否逾期办结'].map((name) => header.indexOf(name) + 1);
    expect([2, 3].map((n) => columns.map((c) => sheet.getRow(n).getCell(c).text))).toEqual([
      ['JY-2026-0001', '2026-09-28', ''],
      ['JY-2026-0002', '2026-12-03', '是'],
    ]);

    const trend = await trendData(bot.stores.reports, bot.services.documents.kinds, parseLocalDate('2026-12-03'));
    // Only the one answered late counts in October, the month both fell due.
    expect(trend.overdue[trend.months.indexOf('2026-10')]).toBe(1);
  });
});
