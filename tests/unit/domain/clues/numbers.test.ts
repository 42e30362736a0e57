import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatClueNumber, parseClueNumber } from '../../../../src/domain/clues/numbers';

const clueNumber = fc.record({ year: fc.integer({ min: 1000, max: 9999 }), seq: fc.integer({ min: 1, max: 999_999_999 }) });

describe('clue numbers', () => {
  it('formats with a 4-digit sequence', () => {
    expect(formatClueNumber({ year: 2026, seq: 7 })).toBe('XS-2026-0007');
    expect(formatClueNumber({ year: 2026, seq: 12345 })).toBe('XS-2026-12345');
  });

  it('refuses impossible numbers', () => {
    expect(() => formatClueNumber({ year: 2026, seq: 0 })).toThrow(RangeError);
    expect(() => formatClueNumber({ year: 26, seq: 1 })).toThrow(RangeError);
  });

  it('parses what it formats', () => {
    fc.assert(
      fc.property(clueNumber, (n) => {
        expect(parseClueNumber(formatClueNumber(n))).toEqual(n);
      }),
    );
  });

  it('accepts full-width, lower case and dash variants', () => {
    expect(parseClueNumber('ＸＳ－２０２６－００１２')).toEqual({ year: 2026, seq: 12 });
    expect(parseClueNumber(' xs-2026-0012 ')).toEqual({ year: 2026, seq: 12 });
    expect(parseClueNumber('XS—2026—0012')).toEqual({ year: 2026, seq: 12 });
  });

  it.each(['XS-2026-12', 'XS-2026-0000', 'XS-2026-01234', 'JY-2026-0001', 'XS-2026-0001x', 'XS2026-0001', ''])('refuses %j', (text) => {
    expect(parseClueNumber(text)).toBeNull();
  });

  it('never throws, and anything it accepts formats back to a canonical form that parses the same', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const parsed = parseClueNumber(text);
        if (parsed) expect(parseClueNumber(formatClueNumber(parsed))).toEqual(parsed);
      }),
    );
  });
});
