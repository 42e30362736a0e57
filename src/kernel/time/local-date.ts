import { InvalidDateError } from './errors';

/** A calendar day in Asia/Shanghai, written 'YYYY-MM-DD'. Only parseLocalDate makes one. */
export type LocalDate = string & { readonly __localDate: unique symbol };

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

interface Parts {
  year: number;
  month: number;
  day: number;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function format({ year, month, day }: Parts): LocalDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` as LocalDate;
}

function partsOf(date: LocalDate): Parts {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

function inRange(year: number, input: string): void {
  if (year < MIN_YEAR || year > MAX_YEAR) throw new InvalidDateError(input);
}

/** Accepts only real dates: 2026-02-30 and 2026-13-01 are refused with InvalidDateError. */
export function parseLocalDate(input: string): LocalDate {
  const match = DATE_PATTERN.exec(input);
  if (!match) throw new InvalidDateError(input);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  inRange(year, input);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw new InvalidDateError(input);
  return format({ year, month, day });
}

export function isLocalDate(input: string): input is LocalDate {
  try {
    parseLocalDate(input);
    return true;
  } catch {
    return false;
  }
}

function toEpochDay(date: LocalDate): number {
  const { year, month, day } = partsOf(date);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

function fromEpochDay(epochDay: number): LocalDate {
  const d = new Date(epochDay * MS_PER_DAY);
  const result = format({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
  inRange(d.getUTCFullYear(), result);
  return result;
}

export function yearOf(date: LocalDate): number {
  return partsOf(date).year;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: LocalDate): number {
  const { year, month, day } = partsOf(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Same-numbered day `months` later; the month's last day when it has no such day (民法典 art. 202). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const { year, month, day } = partsOf(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = (monthIndex % 12) + 1;
  inRange(targetYear, `${targetYear}-${targetMonth}`);
  return format({ year: targetYear, month: targetMonth, day: Math.min(day, daysInMonth(targetYear, targetMonth)) });
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
