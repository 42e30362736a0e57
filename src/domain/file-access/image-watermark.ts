import { crc32 } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';

/** The image types a watermark can be drawn on (the output is always PNG). */
export const WATERMARKABLE_IMAGES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg']);

/** The largest side of a watermarked image, in pixels: larger images are scaled down to it. */
const MAX_SIDE = 4000;
/** Images declaring more pixels than this are not decoded at all (a small file can declare a huge image). */
export const MAX_PIXELS = 50_000_000;

/** Width and height of a PNG (IHDR) or a baseline/progressive JPEG (SOFn); null when neither can be read. */
export function imageSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length >= 24 && bytes.readUInt32BE(0) === 0x89504e47 && bytes.toString('latin1', 12, 16) === 'IHDR') {
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1]!;
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01 || marker === 0xff) {
      offset += marker === 0xff ? 1 : 2;
      continue;
    }
    const length = bytes.readUInt16BE(offset + 2);
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { width: bytes.readUInt16BE(offset + 7), height: bytes.readUInt16BE(offset + 5) };
    }
    offset += 2 + length;
  }
  return null;
}

/** resvg with the one CJK font file and no system fonts, so output is the same on every machine. */
const withFont = (fontFile: string) => ({ font: { fontFiles: [fontFile], loadSystemFonts: false, defaultFontFamily: 'sans-serif' } });

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A PNG iTXt chunk (UTF-8 text), so the mark can also be read from the file's bytes. */
function itxtChunk(keyword: string, text: string): Buffer {
  const data = Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0, 0, 0, 0, 0]), Buffer.from(text, 'utf8')]);
  const type = Buffer.from('iTXt', 'latin1');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([type, data])) >>> 0);
  return Buffer.concat([length, type, data, crc]);
}

/** Inserts the chunk right after IHDR (8-byte signature + 25-byte IHDR chunk). */
function withTextChunk(png: Buffer, chunk: Buffer): Buffer {
  return Buffer.concat([png.subarray(0, 33), chunk, png.subarray(33)]);
}

/**
 * Draws `mark` over an image, tiled diagonally across it (so cropping does not remove it) and once along the bottom
 * edge, with resvg: the image is embedded in an SVG with the text on top and rendered to PNG. The mark is also
 * written into the PNG as an iTXt `Watermark` chunk. Null when the image's size cannot be read or is over MAX_PIXELS.
 */
export function watermarkImage(bytes: Buffer, contentType: string, mark: string, fontFile: string): Buffer | null {
  if (!WATERMARKABLE_IMAGES.has(contentType)) return null;
  const size = imageSize(bytes);
  if (!size || size.width < 1 || size.height < 1 || size.width * size.height > MAX_PIXELS) return null;
  const scale = Math.min(1, MAX_SIDE / Math.max(size.width, size.height));
  const width = Math.max(1, Math.round(size.width * scale));
  const height = Math.max(1, Math.round(size.height * scale));
  const fontSize = Math.max(12, Math.round(Math.min(width, height) / 24));
  const text = escapeXml(mark);
  const edgeSize = Math.max(8, Math.min(fontSize, Math.floor(width / (mark.length + 2))));
  const stepX = Math.max(fontSize * mark.length * 0.9, 200);
  const stepY = fontSize * 5;
  const tiles: string[] = [];
  for (let y = -height; y < height * 2; y += stepY) {
    for (let x = -width; x < width * 2; x += stepX) tiles.push(`<text x="${Math.round(x)}" y="${Math.round(y)}">${text}</text>`);
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<image x="0" y="0" width="${width}" height="${height}" preserveAspectRatio="none" xlink:href="data:${contentType};base64,${bytes.toString('base64')}"/>
<g font-family="sans-serif" font-size="${fontSize}" fill="#c00000" fill-opacity="0.28" transform="rotate(-25 ${width / 2} ${height / 2})">${tiles.join('')}</g>
<rect x="0" y="${height - edgeSize * 1.8}" width="${width}" height="${edgeSize * 1.8}" fill="#ffffff" fill-opacity="0.7"/>
<text x="${edgeSize / 2}" y="${height - edgeSize * 0.5}" font-family="sans-serif" font-size="${edgeSize}" fill="#c00000">${text}</text>
</svg>`;
  const png = new Resvg(svg, withFont(fontFile)).render().asPng();
  return withTextChunk(png, itxtChunk('Watermark', mark));
}

/** The font size the PDF stamp is rendered at (pixels): large enough to stay sharp when drawn across a page. */
const STAMP_FONT_SIZE = 48;

/**
 * The mark alone, red on transparent, cropped to the text: the stamp drawn on PDF pages (pdf-lib's standard fonts
 * have no Chinese, so the text is rendered here with the CJK font). Null when the font draws nothing.
 */
export function markStamp(mark: string, fontFile: string): { png: Buffer; width: number; height: number } | null {
  const size = STAMP_FONT_SIZE;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size * (mark.length + 1)}" height="${size * 1.5}"><text x="0" y="${size * 1.1}" font-family="sans-serif" font-size="${size}" fill="#c00000">${escapeXml(mark)}</text></svg>`;
  const resvg = new Resvg(svg, withFont(fontFile));
  const box = resvg.getBBox();
  if (!box) return null;
  resvg.cropByBBox(box);
  const image = resvg.render();
  return { png: image.asPng(), width: image.width, height: image.height };
}
