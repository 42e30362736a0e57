import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventDate, leadingDate } from '../../../../src/domain/deadlines/event-date';
import { Refusal } from '../../../../src/domain/errors';
import { parseLocalDate } from '../../../../src/kernel/time/local-date';

const bounds = { today: parseLocalDate('2026-12-03'), notBefore: parseLocalDate('2026-08-01'), what: '回复' };

describe('leadingDate', () => {
  it('splits a date written first, padded, and leaves other text alone', () => {
    expect(leadingDate('2026-9-28 已书面回复')).toEqual({ date: '2026-09-28', rest: '已书面回复' });
    expect(leadingDate('2026/09/28')).toEqual({ date: '2026-09-28', rest: '' });
    expect(leadingDate('已于2026-09-28书面回复')).toEqual({ rest: '已于2026-09-28书面回复' });
    expect(leadingDate('20260928 回复')).toEqual({ rest: '20260928 回复' });
  });

  it('never loses text: the rest is the input without the date', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const { date, rest } = leadingDate(text);
        if (!date) expect(rest).toBe(text.trim());
        else expect(text.trim().endsWith(rest)).toBe(true);
      }),
    );
  });
});

describe('eventDate', () => {
  it('is today without a date, and the given day within bounds', () => {
    expect(eventDate(undefined, bounds)).toBe('2026-12-03');
    expect(eventDate('2026-09-28', bounds)).toBe('2026-09-28');
    expect(eventDate('2026-08-01', bounds)).toBe('2026-08-01');
  });

  it('takes 今天 and 今日 (a wizard’s answer) as today, and has no lower bound for a record’s own start', () => {
    expect(eventDate(' 今天 ', bounds)).toBe('2026-12-03');
    expect(eventDate('今日', bounds)).toBe('2026-12-03');
    expect(eventDate('2020-01-01', { today: bounds.today, what: '送达' })).toBe('2020-01-01');
    expect(() => eventDate('2026-12-04', { today: bounds.today, what: '送达' })).toThrow('送达日期 2026-12-04 晚于今天');
  });

  it('refuses a day after today, before the start, or that does not exist', () => {
    expect(() => eventDate('2026-12-04', bounds)).toThrow(Refusal);
    expect(() => eventDate('2026-07-31', bounds)).toThrow(/早于起算日/);
    expect(() => eventDate('2026-02-30', bounds)).toThrow(/不是有效日期/);
  });
});
