import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { relativeDay } from '../../../../src/domain/deadlines/step-words';

describe('relativeDay', () => {
  it('says 今天, 明天, 后天, then N天后, for every N', () => {
    expect([0, 1, 2, 3].map(relativeDay)).toEqual(['今天', '明天', '后天', '3天后']);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), (n) => {
        const word = relativeDay(n);
        expect(word).toBe(n < 3 ? ['今天', '明天', '后天'][n] : `${n}天后`);
        // Never the bare count people do not say for the nearest days.
        expect(word).not.toMatch(/^[012]天后$/);
      }),
    );
  });
});
