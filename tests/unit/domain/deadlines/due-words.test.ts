import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dueIn, stepDue } from '../../../../src/domain/deadlines/due-words';
import { relativeDay } from '../../../../src/domain/deadlines/step-words';

describe('relativeDay', () => {
  it('says 今天, 明天, 后天, then N天后, for every N', () => {
    expect([0, 1, 2, 3].map(relativeDay)).toEqual(['今天', '明天', '后天', '3天后']);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), (n) => {
        const word = relativeDay(n);
        expect(word).toBe(n < 3 ? ['今天', '明天', '后天'][n] : `${n}天后`);
        // Never the bare count people do not say for the next two days.
        expect(word).not.toMatch(/^[012]天后$/);
      }),
    );
  });
});

describe('dueIn / stepDue', () => {
  it('word every day ahead with relativeDay and every day past as overdue', () => {
    fc.assert(
      fc.property(fc.integer({ min: -400, max: 400 }), (days) => {
        const text = dueIn('2026-12-04', days);
        if (days < 0) expect(text).toBe(`已于 2026-12-04 到期，现已逾期 ${-days} 天`);
        else expect(text).toBe(`${relativeDay(days)}（2026-12-04）到期`);
        expect(stepDue('2026-12-04', { offset: -days })).toBe(text);
      }),
    );
  });

  it('reads as people say it', () => {
    expect(stepDue('2026-12-04', { offset: -1 })).toBe('明天（2026-12-04）到期');
    expect(stepDue('2026-12-04', { offset: 0 })).toBe('今天（2026-12-04）到期');
    expect(dueIn('2026-10-08', 8, '，节后首个工作日')).toBe('8天后（2026-10-08，节后首个工作日）到期');
  });
});
