import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitUtf8 } from '../../../src/kernel/utf8';

describe('splitting long WeCom texts', () => {
  it('keeps short text whole and splits at line breaks', () => {
    expect(splitUtf8('帮助', 2048)).toEqual(['帮助']);
    expect(splitUtf8('一一\n二二\n三三', 7)).toEqual(['一一', '二二', '三三']);
    expect(splitUtf8('一一\n二二\n三三', 14)).toEqual(['一一\n二二', '三三']);
  });

  it('cuts a line longer than the limit without breaking a character', () => {
    expect(splitUtf8('一二三四五', 6)).toEqual(['一二', '三四', '五']);
  });

  it('never exceeds the limit and loses nothing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.integer({ min: 4, max: 64 }), (text, max) => {
        const pieces = splitUtf8(text, max);
        for (const piece of pieces) expect(Buffer.byteLength(piece)).toBeLessThanOrEqual(max);
        expect(pieces.join('').replace(/\n/g, '')).toBe(text.replace(/\n/g, ''));
        if (text.split('\n').every((line) => Buffer.byteLength(line) <= max) && !text.split('\n').includes('')) {
          expect(pieces.join('\n')).toBe(text);
        }
      }),
    );
  });
});
