import { degrees, PDFDocument, rgb } from 'pdf-lib';
import { markStamp } from './image-watermark';

export const PDF = 'application/pdf';

/** The parsed PDF, or null when it cannot be read (encrypted, broken) or has no page to carry the mark. */
async function loadPdf(bytes: Buffer): Promise<PDFDocument | null> {
  try {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    return doc.getPageCount() > 0 ? doc : null;
  } catch {
    return null;
  }
}

/** Whether a PDF can be watermarked: checked when it is attached, so the owner is told at once. */
export async function watermarkablePdf(bytes: Buffer): Promise<boolean> {
  return (await loadPdf(bytes)) !== null;
}

/**
 * Stamps `mark` on every page of a PDF: the mark rendered once to a transparent PNG (resvg, the CJK font), drawn
 * tiled diagonally across each page (so cropping does not remove it) and once along its bottom edge; the mark is
 * also the document's subject and keywords. Null when the PDF cannot be read.
 */
export async function watermarkPdf(bytes: Buffer, mark: string, fontFile: string): Promise<Buffer | null> {
  const doc = await loadPdf(bytes);
  const stamp = doc && markStamp(mark, fontFile);
  if (!doc || !stamp) return null;
  try {
    const image = await doc.embedPng(stamp.png);
    const ratio = stamp.height / stamp.width;
    for (const page of doc.getPages()) {
      const { x, y, width, height } = page.getCropBox();
      const tileWidth = Math.min(width, height) * 0.6;
      const stepX = tileWidth * 1.1;
      const stepY = tileWidth * 0.4;
      // Rows start below the page (the tiles rise to the right) and every other row is shifted by half a step.
      for (let row = 0, ty = y - tileWidth * 0.5; ty < y + height; row++, ty += stepY) {
        for (let tx = x - tileWidth + (row % 2) * (stepX / 2); tx < x + width; tx += stepX) {
          page.drawImage(image, { x: tx, y: ty, width: tileWidth, height: tileWidth * ratio, rotate: degrees(25), opacity: 0.22 });
        }
      }
      const pad = 4;
      const edgeHeight = Math.min(10, (width - pad * 2) * ratio);
      page.drawRectangle({ x, y, width, height: edgeHeight + pad * 2, color: rgb(1, 1, 1), opacity: 0.7 });
      page.drawImage(image, { x: x + pad, y: y + pad, width: edgeHeight / ratio, height: edgeHeight });
    }
    doc.setSubject(mark);
    doc.setKeywords([mark]);
    return Buffer.from(await doc.save());
  } catch {
    return null;
  }
}
