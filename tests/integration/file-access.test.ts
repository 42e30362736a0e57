import { Resvg } from '@resvg/resvg-js';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { afterEach, describe, expect, it } from 'vitest';
import { ClueAuditModel } from '../../src/store/mongo/models/clue-audit';
import { FileAccessRequestModel } from '../../src/store/mongo/models/file-access';
import { LinkTokenModel } from '../../src/store/mongo/models/link-token';
import { cliTick, pushed, tickAt } from '../support/deadline-helpers';
import { decodePng } from '../support/png';
import { startTestBot, type TestBot } from '../support/test-bot';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const say = async (user: string, text: string) => (await bot!.say(user, text)).join('\n');
/** Opens a link as the console user (a cookie of the browser, never the query). */
const open = (path: string, userId: string) => bot!.open(path, userId);
const LINK = /\/file-access\/[A-Za-z0-9_-]{43}/;

/** A console upload, as the web simulator's 📎 sends it (a platform's image or file message). */
async function upload(userId: string, name: string, contentType: string, bytes: Buffer): Promise<string> {
  const res = await bot!.post('/console/messages', JSON.stringify({ userId, text: '', file: { name, contentType, data: bytes.toString('base64') } }));
  expect(res.status).toBe(200);
  return ((await res.json()) as { replies: { text: string }[] }).replies.map((r) => r.text).join('\n');
}

/** A 240×160 scanned-page stand-in: plain blue, so any red in the served image is the watermark. */
const SCAN = new Resvg('<svg xmlns="http://www.w3.org/2000/svg" width="240" height="160"><rect width="240" height="160" fill="#2050d0"/></svg>')
  .render()
  .asPng();
/** A PDF without pages: nothing can carry the mark, so it is refused like an encrypted or broken one. */
const BROKEN_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** A 3-page case file. */
async function caseFilePdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let n = 1; n <= 3; n++) doc.addPage([595, 842]).drawText(`page ${n}`, { x: 40, y: 800 });
  return Buffer.from(await doc.save());
}

/** How many of the PDF's pages hold an image XObject (the stamp). */
function stampedPages(doc: PDFDocument): number {
  return doc.getPages().filter((page) => (page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict)?.keys().length ?? 0) > 0).length;
}

/** Pixels clearly red (the watermark's colour) in an RGBA image. */
function reddish(png: Buffer): number {
  const { pixels } = decodePng(png);
  let n = 0;
  for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! > pixels[i + 2]! + 40) n++;
  return n;
}

describe('case-file access between the supervising agencies', () => {
  it('jcy asks for sfj’s supervision notice; sfj approves view-only for 3 days; only the requester opens it, watermarked, until it expires', async () => {
    bot = await startTestBot({ now: new Date('2026-12-03T02:00:00Z') });
    expect(await say('sfj-officer', '登记监督通知书 嘉司监通〔2026〕5号 zhzf 2026-12-01')).toContain('TZ-2026-0001');

    expect(await say('zhzf-liaison', '申请调阅 sfj TZ-2026-0001 看看')).toContain('限于纪委监委、检察院、司法局');
    expect(await say('jcy-officer', '申请调阅 jcy TZ-2026-0001 看看')).toContain('本单位的案卷无需申请');
    expect(await say('jcy-officer', '申请调阅 nyncj TZ-2026-0001 看看')).toContain('限于纪委监委、检察院、司法局');
    const requested = await say('jcy-officer', '申请调阅 司法局 TZ-2026-0001 审查关联公益诉讼线索 XS-2026-0003');
    expect(requested).toContain('DY-2026-0001');
    expect(requested).toContain('关联本单位案件 XS-2026-0003');
    expect(await pushed(bot, 'sfj-organizer', '【调阅申请】')).toHaveLength(1);
    expect(await say('jw-leader', '调阅 DY-2026-0001')).toContain('找不到您可查看');

    expect(await say('sfj-officer', '批准调阅 DY-2026-0001 查看 3天')).toContain('「批准调阅」仅限联络员、领导使用');
    expect(await say('jcy-organizer', '批准调阅 DY-2026-0001 查看 3天')).toContain('只有县司法局可以审批');
    expect(await say('sfj-organizer', '批准调阅 DY-2026-0001 查看 3天 材料 JY-2026-0009')).toContain('「JY-2026-0009」不是本单位可提供的记录');
    const approved = await say('sfj-organizer', '批准调阅 DY-2026-0001 查看 3天');
    expect(approved).toContain('仅查看');
    expect(approved).toContain('有效至 2026-12-07 00:00');
    expect(await say('sfj-leader', '拒绝调阅 DY-2026-0001 改主意了')).toContain('已审批');

    const [notice] = await pushed(bot, 'jcy-officer', '【调阅已批准】');
    const path = LINK.exec(notice!)![0];
    const page = await open(path, 'jcy-officer');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('TZ-2026-0001');
    expect(html).toContain('嘉司监通〔2026〕5号');
    expect(html).toMatch(/class="watermark" data-mark="检察官赵敏（县人民检察院） 2026-12-03 10:00 DY-2026-0001"/);
    expect(html).toContain('仅限查看');
    expect((await open(`${path}/download`, 'jcy-officer')).status).toBe(404);

    expect((await open(path, 'jw-officer')).status).toBe(404);
    expect((await open(path, 'sfj-organizer')).status).toBe(404);
    expect((await open('/file-access/not-a-token', 'jcy-officer')).status).toBe(404);
    expect((await fetch(`${bot.url}${path}?userId=jcy-officer`)).status).toBe(404);

    bot.clock.set(new Date('2026-12-05T01:30:00Z'));
    expect((await open(path, 'jcy-officer')).status).toBe(200);
    const log = await say('sfj-organizer', '调阅记录 DY-2026-0001');
    expect(log).toContain('共 2 次');
    expect(log).toContain('2026-12-03 10:00 县人民检察院 检察官赵敏 查看 DY-2026-0001');
    expect(await say('jcy-organizer', '调阅记录 DY-2026-0001')).toContain('由材料所属单位县司法局查看');

    // `scheduler tick --at` in its own process revokes the link, while this bot's clock still reads 12-05.
    expect(await cliTick(bot, '2026-12-07T09:00:00+08:00')).toContain('tick at');
    expect((await open(path, 'jcy-officer')).status).toBe(404);
    expect((await FileAccessRequestModel.findOne({ number: 'DY-2026-0001' }).lean())!.status).toBe('expired');
    expect(await say('sfj-organizer', '调阅记录')).toContain('共 2 次');
    const jwLeader = await say('jw-leader', '调阅');
    expect(jwLeader).toContain('全县调阅申请：待审批 0 件，已批准 0 件，已拒绝 0 件，已过期 1 件');
    expect(jwLeader).not.toContain('TZ-2026-0001');
    expect(await say('jcy-officer', '调阅')).toMatch(/^DY-2026-0001 县人民检察院→县司法局 TZ-2026-0001 已过期$/);
    // The CLI tick starts its own process (tsx): give it room on a loaded machine.
  }, 240_000);

  it('copy scope allows a watermarked download; a refusal is told; an unanswered request reminds and escalates to the owner’s leader', async () => {
    bot = await startTestBot({ now: new Date('2026-12-03T02:00:00Z') });
    await say('jcy-officer', '登记检察建议 嘉检建〔2026〕7号 nyncj 2026-12-01');
    await say('sfj-officer', '申请调阅 jcy JY-2026-0001 核查整改情况');
    await say('jw-officer', '申请调阅 jcy 某案卷宗 审查线索');
    await say('jw-officer', '申请调阅 sfj 某执法案卷 审查线索');

    expect(await say('jcy-organizer', '批准调阅 DY-2026-0001 复制')).toContain('有效至 2026-12-11 00:00');
    const [notice] = await pushed(bot, 'sfj-officer', '【调阅已批准】');
    const path = LINK.exec(notice!)![0];
    const download = await open(`${path}/download`, 'sfj-officer');
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain('attachment');
    expect(await download.text()).toContain('【司法局执法监督科周洁（县司法局） 2026-12-03 10:00 DY-2026-0001】');

    // Copy scope: files download; the image and the PDF watermarked, the office file as the original, said so in the
    // listing; a PDF that cannot be read is not served at all, not even as the original.
    await say('jcy-organizer', '附加调阅材料 DY-2026-0001');
    await upload('jcy-organizer', '整改报告.pdf', 'application/pdf', BROKEN_PDF);
    await upload('jcy-organizer', '回执.png', 'image/png', SCAN);
    await upload('jcy-organizer', '台账.doc', 'application/msword', Buffer.from('office file'));
    await upload('jcy-organizer', '卷宗.pdf', 'application/pdf', await caseFilePdf());
    await say('jcy-organizer', '完成');
    const attached = await say('jcy-organizer', '确认');
    expect(attached).toContain('已为 DY-2026-0001 附加 4 个文件');
    expect(attached).toContain('「整改报告.pdf」无法解析（可能已加密或损坏），无法加水印，对方看不到也不能下载此文件');
    expect(attached).not.toContain('的格式无法加水印');
    const listing = await (await open(path, 'sfj-officer')).text();
    expect(listing).toContain('此PDF无法解析（可能已加密或损坏），无法加水印，不提供查看或下载');
    expect(listing).not.toContain(`${path}/files/1`);
    expect((await open(`${path}/files/1`, 'sfj-officer')).status).toBe(404);
    expect((await open(`${path}/files/1/download`, 'sfj-officer')).status).toBe(404);
    expect(listing).toContain('此格式无法加水印，下载的是原文件');
    const doc = await open(`${path}/files/3/download`, 'sfj-officer');
    expect(doc.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(await doc.text()).toBe('office file');
    const pdf = await open(`${path}/files/4/download`, 'sfj-officer');
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toMatch(/^attachment;/);
    const markedPdf = await PDFDocument.load(await pdf.arrayBuffer());
    expect(stampedPages(markedPdf)).toBe(3);
    expect(markedPdf.getSubject()).toBe('司法局执法监督科周洁（县司法局） 2026-12-03 10:00 DY-2026-0001');
    const png = await open(`${path}/files/2/download`, 'sfj-officer');
    expect(png.headers.get('content-disposition')).toMatch(/^attachment;/);
    const markedPng = Buffer.from(await png.arrayBuffer());
    expect(markedPng.includes(Buffer.from('司法局执法监督科周洁（县司法局）'))).toBe(true);
    expect(reddish(markedPng)).toBeGreaterThan(200);
    expect((await open(`${path}/files/2/download`, 'jcy-organizer')).status).toBe(404);

    expect(await say('jcy-organizer', '拒绝调阅 DY-2026-0002 案件尚在审查中')).toContain('已拒绝');
    expect(await pushed(bot, 'jw-officer', '理由：案件尚在审查中')).toHaveLength(1);

    // DY-2026-0003: 3 working days from Thursday 12-03 → Tuesday 12-08.
    await tickAt(bot, '2026-12-08T09:00:00+08:00');
    expect(await pushed(bot, 'sfj-organizer', '今天（2026-12-08）到期')).toHaveLength(1);
    await tickAt(bot, '2026-12-09T09:00:00+08:00');
    expect(await pushed(bot, 'sfj-leader', '【逾期督办】调阅申请 DY-2026-0003')).toHaveLength(1);
    expect(await pushed(bot, 'jcy-leader', '【逾期督办】')).toHaveLength(0);
    // Watermarking the image and the ticks are heavy on a loaded machine.
  }, 120_000);

  it('#16 done-when: sfj attaches a PDF and a scan to a 3-day view-only approval; jcy alone sees them watermarked until tick --at expires the link; sfj lists who saw what', async () => {
    const logLines: string[] = [];
    bot = await startTestBot({ now: new Date('2026-12-03T02:00:00Z'), logLines });
    await say('sfj-officer', '登记监督通知书 嘉司监通〔2026〕5号 zhzf 2026-12-01');
    expect(await say('jcy-officer', '申请调阅 sfj TZ-2026-0001 审查监督通知书所涉执法案卷')).toContain('DY-2026-0001');
    expect(await say('sfj-organizer', '批准调阅 DY-2026-0001 查看 3天')).toContain('附加调阅材料 DY-2026-0001');

    // Only the owner attaches, only to an approved request; the files come as uploads, then 完成 and 确认.
    expect(await say('jcy-organizer', '附加调阅材料 DY-2026-0001')).toContain('只有材料所属单位县司法局可以');
    expect(await say('sfj-organizer', '附加调阅材料 DY-2026-0002')).toContain('找不到您可查看的调阅申请');
    expect(await say('sfj-organizer', '附加调阅材料 DY-2026-0001')).toContain('请发送要提供给 DY-2026-0001');
    const casePdf = await caseFilePdf();
    expect(await upload('sfj-organizer', '执法案卷.pdf', 'application/pdf', casePdf)).toContain('已收到「执法案卷.pdf」');
    expect(await upload('sfj-organizer', '现场检查笔录.png', 'image/png', SCAN)).toContain('本次共2个');
    expect(await say('sfj-organizer', '完成')).toContain('2. 现场检查笔录.png');
    const attached = await say('sfj-organizer', '确认');
    expect(attached).toContain('已为 DY-2026-0001 附加 2 个文件');
    expect(attached).not.toContain('无法');
    expect(await pushed(bot, 'jcy-officer', '【调阅材料已补充】')).toHaveLength(1);

    const [notice] = await pushed(bot, 'jcy-officer', '【调阅已批准】');
    const path = LINK.exec(notice!)![0];
    const token = path.split('/')[2]!;

    // jcy: the listing, watermarked, lists both files and says how each opens.
    const listing = await open(path, 'jcy-officer');
    expect(listing.status).toBe(200);
    const html = await listing.text();
    expect(html).toContain('data-mark="检察官赵敏（县人民检察院） 2026-12-03 10:00 DY-2026-0001"');
    expect(html).toContain('1. 执法案卷.pdf');
    expect(html).toContain(`href="${path}/files/1"`);
    expect(html).not.toContain('无法加水印');
    expect(html).toContain(`<img src="${path}/files/2"`);
    expect(html).not.toContain('/download');

    // The scan: a PNG with the requester's name and the time drawn over it (red tiles on blue) and in its bytes.
    const image = await open(`${path}/files/2`, 'jcy-officer');
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('content-disposition')).toMatch(/^inline;/);
    expect(image.headers.get('cache-control')).toBe('private, no-store');
    const marked = Buffer.from(await image.arrayBuffer());
    expect(reddish(SCAN)).toBe(0);
    expect(reddish(marked)).toBeGreaterThan(200);
    expect(marked.includes(Buffer.from('检察官赵敏（县人民检察院） 2026-12-03 10:00 DY-2026-0001'))).toBe(true);
    const { width, height } = decodePng(marked);
    expect([width, height]).toEqual([240, 160]);

    // The PDF: every page stamped with the same mark (an image: the mark is Chinese), inline, the mark in its metadata.
    const pdf = await open(`${path}/files/1`, 'jcy-officer');
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toMatch(/^inline;/);
    const pdfBytes = Buffer.from(await pdf.arrayBuffer());
    expect(pdfBytes.equals(casePdf)).toBe(false);
    const markedPdf = await PDFDocument.load(pdfBytes);
    expect(markedPdf.getPageCount()).toBe(3);
    expect(stampedPages(await PDFDocument.load(casePdf))).toBe(0);
    expect(stampedPages(markedPdf)).toBe(3);
    expect(markedPdf.getSubject()).toBe('检察官赵敏（县人民检察院） 2026-12-03 10:00 DY-2026-0001');

    // View scope: no download of anything.
    expect((await open(`${path}/files/2/download`, 'jcy-officer')).status).toBe(404);
    expect((await open(`${path}/files/1/download`, 'jcy-officer')).status).toBe(404);
    expect((await open(`${path}/download`, 'jcy-officer')).status).toBe(404);
    expect((await open(`${path}/files/3`, 'jcy-officer')).status).toBe(404);

    // A jw officer (or anyone) with the same link: 404, whatever the query says.
    for (const sub of ['', '/files/1', '/files/2']) {
      expect((await open(`${path}${sub}`, 'jw-officer')).status).toBe(404);
      expect((await open(`${path}${sub}`, 'sfj-organizer')).status).toBe(404);
      expect((await fetch(`${bot.url}${path}${sub}`)).status).toBe(404);
      expect((await fetch(`${bot.url}${path}${sub}?userId=jcy-officer`)).status).toBe(404);
    }

    // Stored: the token's hash only, bound to jcy-officer, purpose file-access, item DY-2026-0001; logged: never in full.
    const links = await LinkTokenModel.find({ item: 'DY-2026-0001' }).lean();
    expect(links).toMatchObject([{ purpose: 'file-access', holder: { channel: 'console', userId: 'jcy-officer' } }]);
    expect(JSON.stringify(links)).not.toContain(token);
    expect(JSON.stringify(await FileAccessRequestModel.findOne({ number: 'DY-2026-0001' }).lean())).not.toContain(token);
    const requestLines = logLines.filter((line) => line.includes('"/file-access/'));
    expect(requestLines.length).toBeGreaterThanOrEqual(10);
    expect(logLines.join('\n')).not.toContain(token);
    expect(requestLines[0]).toContain(`"/file-access/${token.slice(0, 6)}…"`);

    // The owner lists who saw what.
    const log = await say('sfj-organizer', '调阅记录 DY-2026-0001');
    expect(log).toContain('共 3 次');
    expect(log).toContain('2026-12-03 10:00 县人民检察院 检察官赵敏 查看 DY-2026-0001\n');
    expect(log).toContain('2026-12-03 10:00 县人民检察院 检察官赵敏 查看 DY-2026-0001 「现场检查笔录.png」');
    expect(log).toContain('2026-12-03 10:00 县人民检察院 检察官赵敏 查看 DY-2026-0001 「执法案卷.pdf」');

    // Three days from 12-03: through 12-06. `scheduler tick --at` (its own process) on 12-07 expires and revokes it.
    expect(await cliTick(bot, '2026-12-07T09:00:00+08:00')).toContain('tick at');
    expect((await FileAccessRequestModel.findOne({ number: 'DY-2026-0001' }).lean())!.status).toBe('expired');
    expect(await LinkTokenModel.countDocuments({ item: 'DY-2026-0001' })).toBe(0);
    expect((await open(path, 'jcy-officer')).status).toBe(404);
    expect((await open(`${path}/files/2`, 'jcy-officer')).status).toBe(404);
    expect(await say('sfj-organizer', '附加调阅材料 DY-2026-0001')).toContain('不在有效的批准期内（已过期）');
    expect(await say('sfj-organizer', '调阅记录 DY-2026-0001')).toContain('共 3 次');
  }, 240_000);

  it('the owner attaches its own clue and document records to an approved request: watermarked pages for the requester alone, the reporter never shown, the clue audited', async () => {
    bot = await startTestBot({ now: new Date('2026-12-03T02:00:00Z') });
    const FACTS = '省委第三巡视组反馈指出，县林业局对辖区内非法占用林地建设厂房的问题长期不予查处';
    expect(await say('sfj-officer', `提交线索：${FACTS} 实名`)).toContain('确认');
    const submitted = await say('sfj-officer', '确认');
    expect(submitted).toContain('XS-2026-0001');
    expect(submitted).toContain('县人民检察院');
    // Another agency's clue, submitted by a jcy officer but received by sfj.
    await say('jcy-officer', '提交线索：有群众反映情况，请处理 匿名');
    await say('jcy-officer', '司法局');
    await say('jcy-officer', '1');
    expect(await say('jcy-officer', '确认')).toContain('XS-2026-0002');
    expect(await say('jcy-officer', '登记检察建议 嘉检建〔2026〕7号 nyncj 2026-12-01')).toContain('JY-2026-0001');
    expect(await say('sfj-officer', '登记监督通知书 嘉司监通〔2026〕5号 zhzf 2026-12-01')).toContain('TZ-2026-0001');

    expect(await say('jw-officer', '申请调阅 jcy 林地案线索材料 审查失职失责问题')).toContain('DY-2026-0001');
    expect(await say('jcy-organizer', '附加调阅材料 DY-2026-0001 XS-2026-0001')).toContain('不在有效的批准期内（待审批）');
    expect(await say('jcy-organizer', '批准调阅 DY-2026-0001 查看 3天')).toContain('附加调阅材料 DY-2026-0001 <编号>');

    // Only the owner, only its own records that it may view.
    expect(await say('jw-organizer', '附加调阅材料 DY-2026-0001 XS-2026-0001')).toContain('只有材料所属单位县人民检察院可以');
    expect(await say('jcy-organizer', '附加调阅材料 DY-2026-0001 TZ-2026-0001')).toContain('「TZ-2026-0001」不是本单位可提供的记录');
    expect(await say('jcy-organizer', '附加调阅材料 DY-2026-0001 XS-2026-0009')).toContain('「XS-2026-0009」不是本单位可提供的记录');
    expect(await say('jcy-organizer', '附加调阅材料 DY-2026-0001 XS-2026-0002')).toContain('「XS-2026-0002」不是本单位可提供的记录');
    expect(await pushed(bot, 'jw-officer', '【调阅材料已补充】')).toHaveLength(0);

    const attached = await say('jcy-organizer', '附加调阅材料 DY-2026-0001 xs-2026-0001，JY-2026-0001');
    expect(attached).toContain('已为 DY-2026-0001 附加本单位记录 XS-2026-0001、JY-2026-0001');
    expect(attached).toContain('材料：XS-2026-0001、JY-2026-0001');
    expect(await say('jcy-organizer', '附加调阅材料 DY-2026-0001 XS-2026-0001')).toContain('已是 DY-2026-0001 的材料');
    const [added] = await pushed(bot, 'jw-officer', '【调阅材料已补充】');
    expect(added).toContain('新提供了本单位记录 XS-2026-0001、JY-2026-0001');
    expect(added).not.toContain(FACTS);

    const [notice] = await pushed(bot, 'jw-officer', '【调阅已批准】');
    const path = LINK.exec(notice!)![0];
    const page = await open(path, 'jw-officer');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('data-mark="纪委办案员张明（县纪委监委） 2026-12-03 10:00 DY-2026-0001"');
    expect(html).toMatch(/<h2>XS-2026-0001<\/h2><pre>线索 XS-2026-0001\n接收机关：县人民检察院[\s\S]*事实经过：省委第三巡视组反馈指出/);
    expect(html).toContain('嘉检建〔2026〕7号');
    // The reporter never leaves the receiving agency.
    expect(html).not.toContain('提交人');
    expect(html).not.toContain('周洁');
    expect(html).not.toContain('【');

    for (const other of ['jcy-organizer', 'jcy-officer', 'sfj-officer', 'jw-organizer']) expect((await open(path, other)).status).toBe(404);

    // The clue's audit log has the requester's view through the link; the owner lists the opening.
    const viaLink = await ClueAuditModel.find({ clueNumber: 'XS-2026-0001', channel: 'file-access' }).lean();
    expect(viaLink.map((e) => e.action)).toEqual(['view']);
    const log = await say('jcy-organizer', '调阅记录 DY-2026-0001');
    expect(log).toContain('共 1 次');
    expect(log).toContain('2026-12-03 10:00 县纪委监委 纪委办案员张明 查看 DY-2026-0001');
  }, 120_000);
});
