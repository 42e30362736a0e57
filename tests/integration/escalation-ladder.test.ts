import PizZip from 'pizzip';
import { XMLValidator } from 'fast-xml-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { tickAt } from '../support/deadline-helpers';
import { startTestBot, type TestBot } from '../support/test-bot';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

type Row = { id: string; text: string; title?: string; file?: { url: string; name: string } };
const rows = async (target: TestBot, userId: string, marker: string) =>
  ((await target.outbox(userId)) as unknown as Row[]).filter((row) => row.text.includes(marker));

/** The text of a .docx: it must be a zip whose word/document.xml is well-formed XML. */
function docxText(bytes: Buffer): string {
  const xml = new PizZip(bytes).file('word/document.xml')?.asText() ?? '';
  expect(XMLValidator.validate(xml)).toBe(true);
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

describe('the escalation ladder', () => {
  it('warns yellow, sends a numbered 催办通知书 .docx on the first working day after the deadline, then a 通报 draft, on working days only', async () => {
    // Thursday 2026-12-03 10:00.
    bot = await startTestBot({ now: new Date('2026-12-03T02:00:00Z') });
    expect((await bot.say('sfj-officer', '登记监督通知书 嘉司监通〔2026〕7号 县农业农村局 2026-11-01')).join('')).toContain('期限：2026-12-01');
    expect((await bot.say('sfj-officer', '登记监督通知书 嘉司监通〔2026〕8号 县综合行政执法局 2026-11-10')).join('')).toContain('期限：2026-12-10');

    await tickAt(bot, '2026-12-04T09:00:00+08:00');
    const [notice] = await rows(bot, 'nyncj-liaison', '【红色预警·催办】');
    expect(notice).toMatchObject({ title: '催办通知书', file: { name: '催办通知书 司法局催〔2026〕1号.docx' } });
    expect(notice!.text).toContain('已于 2026-12-01 到期，逾期 3 天仍未回复');
    expect(await rows(bot, 'sfj-leader', '【红色预警·催办】')).toHaveLength(1);
    expect(await rows(bot, 'zhzf-liaison', '【红色预警·催办】')).toHaveLength(0);
    expect((await rows(bot, 'zhzf-liaison', '【黄色预警】')).map((r) => r.text)).toEqual([
      '【黄色预警】行政执法监督通知书 TZ-2026-0002（嘉司监通〔2026〕8号）办理期限已用去80%，尚未回复，将于 2026-12-10 到期，还剩 4 个工作日（6 天，含休息日）。请县综合行政执法局抓紧办理，回复后发送「回复 TZ-2026-0002 <摘要>」登记。',
    ]);

    const download = await bot.open(notice!.file!.url, 'nyncj-liaison');
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const text = docxText(Buffer.from(await download.arrayBuffer()));
    expect(text).toContain('催 办 通 知 书');
    expect(text).toContain('司法局催〔2026〕1号');
    expect(text).toContain('县农业农村局：');
    expect(text).toContain('县司法局于 2026年11月1日 送达贵单位的行政执法监督通知书（编号 TZ-2026-0001，文号 嘉司监通〔2026〕7号），办理期限为 2026年12月1日');
    expect(text).toContain('已逾期 3 天');
    expect(text).toContain('2026年12月4日');
    expect((await bot.open(notice!.file!.url, 'zhzf-liaison')).status).toBe(404);

    // 办理情况: the document's status sheet as a .docx for whoever asks and may see it.
    const answer = await bot.post('/console/messages', JSON.stringify({ userId: 'sfj-organizer', text: '办理情况 TZ-2026-0001' }));
    const [sheetReply] = ((await answer.json()) as { replies: { text: string; file?: { url: string; name: string } }[] }).replies;
    expect(sheetReply).toMatchObject({ text: 'TZ-2026-0001 的办理情况表已生成（Word 文件）。', file: { name: '办理情况表 TZ-2026-0001.docx' } });
    const sheet = docxText(Buffer.from(await (await bot.open(sheetReply!.file!.url, 'sfj-organizer')).arrayBuffer()));
    expect(sheet).toContain('行政执法监督通知书办理情况表');
    expect(sheet).toContain('县农业农村局');
    expect(sheet).toContain('尚未签收');
    expect(sheet).toContain('办理中，已逾期 3 天');
    expect(sheet).toContain('红色预警；2026-12-04 发出催办通知书 司法局催〔2026〕1号');

    // A repeated tick, the weekend and the days before the 5th working day send nothing more.
    for (const at of ['2026-12-04T09:01:00+08:00', '2026-12-05T09:00:00+08:00', '2026-12-06T09:00:00+08:00', '2026-12-10T09:00:00+08:00'])
      await tickAt(bot, at);
    expect(await rows(bot, 'nyncj-liaison', '【红色预警·催办】')).toHaveLength(1);
    expect(await rows(bot, 'sfj-leader', '【通报（草稿）】')).toHaveLength(0);
    // The second item is answered on its last day: it never turns red.
    await bot.say('zhzf-liaison', '回复 TZ-2026-0002 已书面回复');
    await tickAt(bot, '2026-12-11T09:00:00+08:00');
    const drafts = await rows(bot, 'sfj-leader', '【通报（草稿）】');
    expect(drafts.map((r) => r.text.split('\n')[1])).toEqual([
      '县司法局于 2026-11-01 送达县农业农村局的行政执法监督通知书（TZ-2026-0001，嘉司监通〔2026〕7号），期限 2026-12-01。2026-12-04 发出《催办通知书》（司法局催〔2026〕1号）后，该单位仍未回复。',
    ]);
    expect(await rows(bot, 'nyncj-liaison', '【通报（草稿）】')).toHaveLength(0);
    expect(await rows(bot, 'zhzf-liaison', '【红色预警·催办】')).toHaveLength(0);
  });
});
