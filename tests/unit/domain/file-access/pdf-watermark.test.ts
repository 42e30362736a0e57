import { inflateSync } from 'node:zlib';
import { PDFDict, PDFDocument, PDFName, type PDFRawStream, type PDFRef, PDFStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { watermarkablePdf, watermarkPdf } from '../../../../src/domain/file-access/pdf-watermark';
import { findFontFile } from '../../../../src/domain/reports/chart';
import { loadConfig } from '../../../../src/config';

const MARK = '检察官赵敏（县人民检察院） 2026-12-03 10:00 DY-2026-0001';
const font = () => findFontFile(loadConfig({ NODE_ENV: 'test' }).reports.chart.fontFiles);

async function threePages(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (const size of [
    [595, 842],
    [842, 595],
    [300, 400],
  ] as const)
    doc.addPage([...size]).drawText('case file page', { x: 40, y: 100 });
  return Buffer.from(await doc.save());
}

/** The image XObjects a page's resources hold. */
function pageImages(doc: PDFDocument, index: number): number {
  const page = doc.getPage(index);
  const xobjects = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  if (!xobjects) return 0;
  return xobjects.values().filter((ref) => {
    const stream = doc.context.lookup(ref as PDFRef);
    return stream instanceof PDFStream && stream.dict.get(PDFName.of('Subtype')) === PDFName.of('Image');
  }).length;
}

/** The page's content, all its streams decoded and joined. */
function pageContent(doc: PDFDocument, index: number): string {
  const contents = doc.getPage(index).node.Contents();
  const refs = contents ? ('asArray' in contents ? contents.asArray() : [contents]) : [];
  return refs
    .map((ref) => {
      const stream = doc.context.lookup(ref as PDFRef) as PDFRawStream;
      const raw = Buffer.from(stream.getContents());
      return (stream.dict.get(PDFName.of('Filter')) === PDFName.of('FlateDecode') ? inflateSync(raw) : raw).toString('latin1');
    })
    .join('\n');
}

describe('PDF watermark', () => {
  it('stamps every page with the mark image, keeps the pages, and carries the mark in the metadata', async () => {
    const original = await threePages();
    expect(await watermarkablePdf(original)).toBe(true);
    const before = await PDFDocument.load(original);
    expect([0, 1, 2].map((i) => pageImages(before, i))).toEqual([0, 0, 0]);

    const marked = await PDFDocument.load((await watermarkPdf(original, MARK, font()))!);
    expect(marked.getPageCount()).toBe(3);
    expect(marked.getPages().map((p) => [p.getWidth(), p.getHeight()])).toEqual([
      [595, 842],
      [842, 595],
      [300, 400],
    ]);
    for (const i of [0, 1, 2]) {
      expect(pageImages(marked, i)).toBeGreaterThanOrEqual(1);
      // Tiled across the page and once at the bottom edge: many draws of the image per page.
      const draws = pageContent(marked, i).match(/\/\S+ Do\b/g) ?? [];
      expect(draws.length).toBeGreaterThan(5);
      // The page's own text is still drawn.
      expect(pageContent(marked, i)).toContain('Tj');
    }
    expect(marked.getSubject()).toBe(MARK);
    expect(marked.getKeywords()).toBe(MARK);
  });

  it('refuses what it cannot read: not a PDF, a broken one, an encrypted one, one without pages', async () => {
    const locked = await PDFDocument.create();
    locked.addPage();
    locked.context.trailerInfo.Encrypt = locked.context.register(locked.context.obj({ Filter: 'Standard', V: 1, R: 2, P: -4 }));
    const encrypted = Buffer.from(await locked.save());
    expect(encrypted.toString('latin1')).toContain('/Encrypt');
    const empty = Buffer.from(
      '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    );
    const truncated = (await threePages()).subarray(0, 200);
    for (const bytes of [Buffer.from('not a pdf'), truncated, encrypted, empty]) {
      expect(await watermarkablePdf(bytes)).toBe(false);
      expect(await watermarkPdf(bytes, MARK, font())).toBeNull();
    }
  });
});
