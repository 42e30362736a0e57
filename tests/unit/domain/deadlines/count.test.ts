import { describe, expect, it } from 'vitest';
import {
  InvalidDateError,
  InvalidPeriodError,
  addMonths,
  computeDeadline,
  countWorkingDays,
  createWorkingCalendar,
  parseLocalDate,
  type Period,
} from '../../../../src/domain/deadlines';

const calendar = createWorkingCalendar({});
const d = parseLocalDate;
const months = (amount: number): Period => ({ unit: 'months', amount });
const days = (amount: number): Period => ({ unit: 'days', amount });
const workingDays = (amount: number): Period => ({ unit: 'workingDays', amount });

describe('parseLocalDate', () => {
  it.each(['2026-02-30', '2025-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-2-3', '20260203', '', '2026-02-03T00:00', '0999-01-01'])(
    'refuses %s',
    (text) => expect(() => parseLocalDate(text)).toThrow(InvalidDateError),
  );

  it('accepts real dates, including 29 February of a leap year', () => {
    expect(parseLocalDate('2024-02-29')).toBe('2024-02-29');
    expect(parseLocalDate('2000-02-29')).toBe('2000-02-29');
  });

  it('refuses 29 February of a century year that is not a leap year', () => {
    expect(() => parseLocalDate('2100-02-29')).toThrow(InvalidDateError);
  });
});

describe('months periods and month ends', () => {
  it('DOMAIN.md example: received 2025-12-31, 2 months → 2026-02-28, a 调休 Saturday that is worked', () => {
    expect(computeDeadline(d('2025-12-31'), months(2), calendar)).toEqual({ due: '2026-02-28', provisional: false });
  });

  it('ends on the same-numbered day when the month has it', () => {
    expect(computeDeadline(d('2026-03-10'), months(2), calendar).due).toBe('2026-05-11'); // 05-10 is a Sunday
    expect(addMonths(d('2026-03-10'), 2)).toBe('2026-05-10');
  });

  it('ends on the last day of a shorter month, in leap and common years', () => {
    expect(addMonths(d('2024-01-31'), 1)).toBe('2024-02-29');
    expect(addMonths(d('2025-01-31'), 1)).toBe('2025-02-28');
    expect(addMonths(d('2026-08-31'), 1)).toBe('2026-09-30');
    expect(computeDeadline(d('2023-12-31'), months(2), calendar).due).toBe('2024-02-29');
  });

  it('crosses the year end', () => {
    expect(addMonths(d('2026-11-30'), 3)).toBe('2027-02-28');
    expect(addMonths(d('2027-11-30'), 3)).toBe('2028-02-29');
  });
});

describe('calendar days and holidays', () => {
  it('does not count the start day', () => {
    expect(computeDeadline(d('2026-03-02'), days(3), calendar).due).toBe('2026-03-05');
  });

  it('moves a last day on a weekend to the Monday', () => {
    expect(computeDeadline(d('2026-03-01'), days(6), calendar).due).toBe('2026-03-09');
  });

  it('moves a last day in the National Day holiday to the first working day after it', () => {
    expect(computeDeadline(d('2026-09-01'), days(30), calendar).due).toBe('2026-10-08');
  });

  it('moves a last day in the Spring Festival holiday past all of it', () => {
    expect(computeDeadline(d('2026-01-16'), months(1), calendar).due).toBe('2026-02-24');
  });

  it('keeps a last day that falls on a 调休 Sunday, which is worked', () => {
    expect(computeDeadline(d('2026-09-05'), days(15), calendar).due).toBe('2026-09-20');
  });

  it('urgent 15 days from a Friday', () => {
    expect(computeDeadline(d('2026-06-05'), days(15), calendar).due).toBe('2026-06-22'); // 06-20 Sat, 06-21 Sun holiday
  });
});

describe('working days', () => {
  it('counts 15 working days across Mid-Autumn, National Day and a 调休 Saturday', () => {
    expect(computeDeadline(d('2026-09-20'), workingDays(15), calendar).due).toBe('2026-10-16');
  });

  it('counts working days between two dates, the first excluded', () => {
    expect(countWorkingDays(d('2026-09-30'), d('2026-10-10'), calendar)).toBe(3);
    expect(countWorkingDays(d('2026-10-10'), d('2026-09-30'), calendar)).toBe(0);
  });
});

describe('a year without holiday data', () => {
  it('knows chinese-days has 2026 but not 2027', () => {
    expect(calendar.hasDataFor(2026)).toBe(true);
    expect(calendar.hasDataFor(2027)).toBe(false);
  });

  it('counts weekends only and marks the deadline provisional', () => {
    expect(computeDeadline(d('2026-12-01'), months(1), calendar)).toEqual({ due: '2027-01-01', provisional: true });
    expect(computeDeadline(d('2026-12-25'), workingDays(10), calendar)).toEqual({ due: '2027-01-08', provisional: true });
  });

  it('is not provisional when only the start lies before the covered years end', () => {
    expect(computeDeadline(d('2026-10-15'), months(1), calendar)).toEqual({ due: '2026-11-16', provisional: false });
  });

  it('uses the config table once an admin adds the year', () => {
    const extended = createWorkingCalendar({ '2027': { holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [] } });
    expect(extended.hasDataFor(2027)).toBe(true);
    expect(computeDeadline(d('2026-12-01'), months(1), extended)).toEqual({ due: '2027-01-04', provisional: false });
  });

  it('lets the config table replace the package for a year it lists', () => {
    const replaced = createWorkingCalendar({ '2026': { holidays: [], workdays: ['2026-03-07'] } });
    expect(replaced.isWorkingDay(d('2026-10-01'))).toBe(true);
    expect(replaced.isWorkingDay(d('2026-03-07'))).toBe(true);
    expect(replaced.isWorkingDay(d('2026-03-08'))).toBe(false);
  });
});

describe('invalid periods', () => {
  it.each([0, -1, 1.5, Number.NaN])('refuses amount %s', (amount) => {
    expect(() => computeDeadline(d('2026-03-01'), days(amount), calendar)).toThrow(InvalidPeriodError);
  });
});
