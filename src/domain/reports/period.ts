import { addDays, addMonths, daysInMonth, parseLocalDate, type LocalDate } from '../../kernel/time/local-date';
import { instantAt } from '../../kernel/time/local-time';
import { Refusal } from '../errors';

/** A reporting period in Asia/Shanghai: whole days from `from` to `to`, both included. */
export interface ReportPeriod {
  /** Stable key, e.g. 2026, 2026-Q4, 2026-11. */
  key: string;
  /** How the period reads in a reply, e.g. 2026年11月. */
  label: string;
  from: LocalDate;
  to: LocalDate;
  /** The instant `from` begins. */
  start: Date;
  /** The instant after `to` ends (exclusive). */
  end: Date;
  /** Every month key (YYYY-MM) the period covers. */
  months: string[];
}

export const PERIOD_USAGE = '本月、本季度、本年、上月、YYYY-MM 或 YYYY（例如 2026-10、2026）';

const pad2 = (n: number) => String(n).padStart(2, '0');

function monthsPeriod(key: string, label: string, year: number, firstMonth: number, count: number): ReportPeriod {
  const from = parseLocalDate(`${year}-${pad2(firstMonth)}-01`);
  const last = addMonths(from, count - 1);
  const to = parseLocalDate(`${last.slice(0, 7)}-${pad2(daysInMonth(Number(last.slice(0, 4)), Number(last.slice(5, 7))))}`);
  const months = Array.from({ length: count }, (_, i) => addMonths(from, i).slice(0, 7));
  return { key, label, from, to, start: instantAt(from, '00:00'), end: instantAt(addDays(to, 1), '00:00'), months };
}

/** Any run of whole days `from`–`to` (e.g. 年初以来: Jan 1 to today), with every month it touches. */
/** A period named in a text, and the words it was read from (to take them out of the question). */
export interface TimeReading {
  period: ReportPeriod;
  words: string;
}

export function spanPeriod(key: string, label: string, from: LocalDate, to: LocalDate): ReportPeriod {
  const months: string[] = [];
  for (let month = `${from.slice(0, 7)}-01` as LocalDate; month <= to; month = addMonths(month, 1)) months.push(month.slice(0, 7));
  return { key, label, from, to, start: instantAt(from, '00:00'), end: instantAt(addDays(to, 1), '00:00'), months };
}

export function monthPeriod(year: number, month: number): ReportPeriod {
  return monthsPeriod(`${year}-${pad2(month)}`, `${year}年${month}月`, year, month, 1);
}

export function yearPeriod(year: number): ReportPeriod {
  return monthsPeriod(String(year), `${year}年`, year, 1, 12);
}

export function quarterPeriod(year: number, quarter: number): ReportPeriod {
  return monthsPeriod(`${year}-Q${quarter}`, `${year}年第${quarter}季度`, year, quarter * 3 - 2, 3);
}

/** The month before the one `today` falls in (what the monthly 定期通报 covers). */
export function previousMonth(today: LocalDate): ReportPeriod {
  const last = addMonths(today, -1);
  return monthPeriod(Number(last.slice(0, 4)), Number(last.slice(5, 7)));
}

/**
 * Reads a period from a command argument: 本月, 本季度, 本年 (the default), 上月,
 * YYYY-MM or YYYY (also 2026年11月 / 2026年). A period that has not begun is refused.
 */
export function parsePeriod(text: string | undefined, today: LocalDate): ReportPeriod {
  const input = (text ?? '').trim();
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  let period: ReportPeriod | undefined;
  if (input === '' || input === '本年' || input === '今年') period = yearPeriod(year);
  else if (input === '本月') period = monthPeriod(year, month);
  else if (input === '上月') period = previousMonth(today);
  else if (input === '本季度') period = quarterPeriod(year, Math.ceil(month / 3));
  else {
    const match = /^(\d{4})(?:[-年](\d{1,2})月?)?年?$/.exec(input);
    const y = Number(match?.[1]);
    const m = match?.[2] === undefined ? undefined : Number(match[2]);
    if (match && y >= 2000 && y <= 2199 && (m === undefined || (m >= 1 && m <= 12))) {
      period = m === undefined ? yearPeriod(y) : monthPeriod(y, m);
    }
  }
  if (!period) throw new Refusal(`看不懂期间「${input}」。请用${PERIOD_USAGE}。`);
  if (period.from > today) throw new Refusal(`${period.label}尚未开始，请换一个期间：${PERIOD_USAGE}。`);
  return period;
}

/** The day figures are counted up to: the period's last day, or today while it is still running. */
export function asOfDate(period: ReportPeriod, today: LocalDate): LocalDate {
  return period.to < today ? period.to : today;
}

/** 2026-11-26 → 2026年11月26日. */
export function chineseDate(date: LocalDate): string {
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}
