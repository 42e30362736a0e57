import { InvalidPeriodError } from './errors';

export const PERIOD_UNITS = ['months', 'days', 'workingDays'] as const;
export type PeriodUnit = (typeof PERIOD_UNITS)[number];

/** A legal period: calendar months, calendar days, or working days (工作日). */
export interface Period {
  unit: PeriodUnit;
  amount: number;
}

const UNIT_WORDS: Record<PeriodUnit, string> = { months: '个月', days: '日', workingDays: '个工作日' };

export function checkPeriod(period: Period): void {
  if (!Number.isInteger(period.amount) || period.amount < 1 || period.amount > 1200) {
    throw new InvalidPeriodError(`期限必须是 1 到 1200 之间的整数：${period.amount}`);
  }
}

/** '2个月', '15日', '15个工作日'. */
export function describePeriod(period: Period): string {
  return `${period.amount}${UNIT_WORDS[period.unit]}`;
}
