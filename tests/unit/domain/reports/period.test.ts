import { describe, expect, it } from 'vitest';
import { parseLocalDate } from '../../../../src/kernel/time/local-date';
import { Refusal } from '../../../../src/domain/errors';
import { asOfDate, chineseDate, parsePeriod, previousMonth } from '../../../../src/domain/reports/period';

const today = parseLocalDate('2026-11-26');

describe('report periods (Asia/Shanghai)', () => {
  it('defaults to this year, with instants at Shanghai midnight', () => {
    const period = parsePeriod(undefined, today);
    expect(period).toMatchObject({ key: '2026', label: '2026年', from: '2026-01-01', to: '2026-12-31' });
    expect(period.start.toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(period.end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(period.months).toHaveLength(12);
    expect(parsePeriod('本年', today).key).toBe('2026');
  });

  it('reads 本月, 上月, 本季度, YYYY-MM, YYYY and the Chinese forms', () => {
    expect(parsePeriod('本月', today)).toMatchObject({ from: '2026-11-01', to: '2026-11-30', months: ['2026-11'], label: '2026年11月' });
    expect(parsePeriod('上月', today)).toMatchObject({ from: '2026-10-01', to: '2026-10-31' });
    expect(parsePeriod('本季度', today)).toMatchObject({ key: '2026-Q4', from: '2026-10-01', to: '2026-12-31', months: ['2026-10', '2026-11', '2026-12'] });
    expect(parsePeriod('2026-02', today)).toMatchObject({ from: '2026-02-01', to: '2026-02-28' });
    expect(parsePeriod('2024-02', today)).toMatchObject({ to: '2024-02-29' });
    expect(parsePeriod('2025', today)).toMatchObject({ from: '2025-01-01', to: '2025-12-31' });
    expect(parsePeriod('2026年3月', today)).toMatchObject({ from: '2026-03-01', to: '2026-03-31' });
    expect(parsePeriod('2025年', today).key).toBe('2025');
  });

  it('a month ends at the next month’s Shanghai midnight', () => {
    const march = parsePeriod('2026-03', today);
    expect(march.start.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(march.end.toISOString()).toBe('2026-03-31T16:00:00.000Z');
  });

  it('refuses periods it cannot read and periods that have not begun', () => {
    for (const bad of ['明年', '2026-13', '2026-00', '26-11', '2026-11-01', 'abc', '1999']) {
      expect(() => parsePeriod(bad, today), bad).toThrow(Refusal);
    }
    expect(() => parsePeriod('2026-12', today)).toThrow(/尚未开始/);
    expect(() => parsePeriod('2027', today)).toThrow(/尚未开始/);
  });

  it('counts up to today while a period runs, to its end after', () => {
    expect(asOfDate(parsePeriod('本年', today), today)).toBe('2026-11-26');
    expect(asOfDate(parsePeriod('2026-10', today), today)).toBe('2026-10-31');
    expect(chineseDate(parseLocalDate('2026-01-05'))).toBe('2026年1月5日');
  });

  it('the previous month crosses the year', () => {
    expect(previousMonth(parseLocalDate('2026-01-04'))).toMatchObject({ key: '2025-12', from: '2025-12-01', to: '2025-12-31' });
  });
});
