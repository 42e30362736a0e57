import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { imageSize, watermarkImage } from '../../../../src/domain/file-access/image-watermark';
import { findFontFile } from '../../../../src/domain/reports/chart';
import { loadConfig } from '../../../../src/config';
import { decodePng } from '../../../support/png';

const MARK = '检察官赵敏（县人民检察院） 2026-12-03 10:00 DY-2026-0001';
const font = () => findFontFile(loadConfig({ NODE_ENV: 'test' }).reports.chart.fontFiles);
const blue = (width: number, height: number) =>
  new Resvg(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${width}" height="${height}" fill="#2050d0"/></svg>`)
    .render()
    .asPng();

function reddish(png: Buffer): number {
  const { pixels } = decodePng(png);
  let n = 0;
  for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! > pixels[i + 2]! + 40) n++;
  return n;
}

describe('image watermark', () => {
  it('reads the size of a PNG and of a JPEG (its SOF segment), and nothing else', () => {
    expect(imageSize(blue(120, 80))).toEqual({ width: 120, height: 80 });
    // SOI, an APP0 segment, then SOF0 with height 300 and width 400.
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0x2c, 0x01, 0x90, 0x03, 0, 0, 0, 0, 0, 0]);
    expect(imageSize(jpeg)).toEqual({ width: 400, height: 300 });
    expect(imageSize(Buffer.from('%PDF-1.4'))).toBeNull();
  });

  it('draws the mark over the whole image, keeps its size, and writes the mark into the PNG', () => {
    const original = blue(300, 200);
    const marked = watermarkImage(original, 'image/png', MARK, font())!;
    expect(reddish(original)).toBe(0);
    const { width, height, pixels } = decodePng(marked);
    expect([width, height]).toEqual([300, 200]);
    expect(reddish(marked)).toBeGreaterThan(300);
    // Tiled: the top half (no edge line there) is tinted by the mark too, not only the bottom edge.
    const before = decodePng(original).pixels;
    let top = 0;
    const half = Math.floor(pixels.length / 8) * 4;
    for (let i = 0; i < half; i += 4) if (pixels[i]! - before[i]! > 20) top++;
    expect(top).toBeGreaterThan(300);
    expect(marked.includes(Buffer.from(MARK))).toBe(true);
  });

  it('refuses what it cannot mark', () => {
    expect(watermarkImage(Buffer.from('%PDF-1.4'), 'application/pdf', MARK, font())).toBeNull();
    expect(watermarkImage(Buffer.from('not a png'), 'image/png', MARK, font())).toBeNull();
    // A small file declaring a 100000×100000 image is not decoded.
    const bomb = Buffer.from(blue(10, 10));
    bomb.writeUInt32BE(100_000, 16);
    bomb.writeUInt32BE(100_000, 20);
    expect(watermarkImage(bomb, 'image/png', MARK, font())).toBeNull();
  });
});
