import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DeadlineError,
  InvalidDateError,
  addDays,
  computeDeadline,
  countWorkingDays,
  createWorkingCalendar,
  parseLocalDate,
  type LocalDate,
  type Period,
} from '../../../../src/domain/deadlines';

const calendar = createWorkingCalendar({ '2028': { holidays: ['2028-01-03'], workdays: ['2028-01-08'] } });

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const monthLength = (y: number, m: number) => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;

const localDate = fc
  .record({ year: fc.integer({ min: 2004, max: 2030 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
  .map(({ year, month, day }) => parseLocalDate(`${year}-${pad(month, 2)}-${pad(Math.min(day, monthLength(year, month)), 2)}`));

const period: fc.Arbitrary<Period> = fc.oneof(
  fc.integer({ min: 1, max: 36 }).map((amount) => ({ unit: 'months' as const, amount })),
  fc.integer({ min: 1, max: 400 }).map((amount) => ({ unit: 'days' as const, amount })),
  fc.integer({ min: 1, max: 120 }).map((amount) => ({ unit: 'workingDays' as const, amount })),
);

describe('deadline properties', () => {
  it('a deadline is a working day strictly after the start', () => {
    fc.assert(
      fc.property(localDate, period, (start, p) => {
        const { due } = computeDeadline(start, p, calendar);
        expect(due > start).toBe(true);
        expect(calendar.isWorkingDay(due)).toBe(true);
      }),
    );
  });

  it('a working-days deadline is exactly that many working days after the start', () => {
    fc.assert(
      fc.property(localDate, fc.integer({ min: 1, max: 60 }), (start, amount) => {
        const { due } = computeDeadline(start, { unit: 'workingDays', amount }, calendar);
        expect(countWorkingDays(start, due, calendar)).toBe(amount);
      }),
    );
  });

  it('a calendar-days deadline is the last day, or the first working day after it', () => {
    fc.assert(
      fc.property(localDate, fc.integer({ min: 1, max: 400 }), (start, amount) => {
        const lastDay = addDays(start, amount);
        const { due } = computeDeadline(start, { unit: 'days', amount }, calendar);
        expect(due >= lastDay).toBe(true);
        for (let day: LocalDate = lastDay; day < due; day = addDays(day, 1)) expect(calendar.isWorkingDay(day)).toBe(false);
      }),
    );
  });

  it('is provisional when it ends in a year without data, and not when every year has data', () => {
    fc.assert(
      fc.property(localDate, period, (start, p) => {
        const { due, provisional } = computeDeadline(start, p, calendar);
        const year = Number(due.slice(0, 4));
        if (year <= 2026) expect(provisional).toBe(false);
        if (year === 2027 || year > 2028) expect(provisional).toBe(true);
      }),
    );
  });
});

describe('date parser properties', () => {
  it('accepts a y-m-d triple exactly when the day exists', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2199 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, dd) => {
        const text = `${y}-${pad(m, 2)}-${pad(dd, 2)}`;
        const real = m >= 1 && m <= 12 && dd >= 1 && dd <= monthLength(y, m);
        if (real) expect(parseLocalDate(text)).toBe(text);
        else expect(() => parseLocalDate(text)).toThrow(InvalidDateError);
      }),
    );
  });

  it('never throws anything but its own typed errors, whatever the input', () => {
    fc.assert(
      fc.property(fc.string(), period, (text, p) => {
        try {
          computeDeadline(parseLocalDate(text), p, calendar);
        } catch (error) {
          expect(error).toBeInstanceOf(DeadlineError);
        }
      }),
    );
  });
});
