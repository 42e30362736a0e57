import { InvalidDateError } from '../../kernel/time/errors';
import { parseLocalDate, type LocalDate } from '../../kernel/time/local-date';
import { Refusal } from '../errors';

// A date written first in an answer's text: 2026-09-28, 2026-9-28 or 2026/9/28.
// (今天 is taken only as a whole answer — a wizard's step — never off the front of a summary, where it is text.)
const LEADING_DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+|$)/;

/** Splits the optional event date off the front of a record's text (`2026-09-28 已书面回复`). */
export function leadingDate(text: string): { date?: string; rest: string } {
  const trimmed = text.trim();
  const match = LEADING_DATE.exec(trimmed);
  if (!match) return { rest: trimmed };
  const [, year, month, day] = match as unknown as [string, string, string, string];
  return { date: `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`, rest: trimmed.slice(match[0].length).trim() };
}

const TODAY = /^(今天|今日)$/;

export interface EventBounds {
  today: LocalDate;
  /** The earliest the event can have happened: the document's start (送达, 移送); none for the start itself. */
  notBefore?: LocalDate;
  /** What happened, for the refusal (回复, 整改完成 …). */
  what: string;
}

/**
 * The day an event actually happened (officers record late): the given date, else (nothing, 今天 or 今日) today.
 * Not later than today and not before the record's start.
 */
export function eventDate(text: string | undefined, bounds: EventBounds): LocalDate {
  if (!text?.trim() || TODAY.test(text.trim())) return bounds.today;
  let date: LocalDate;
  try {
    date = parseLocalDate(text);
  } catch (err) {
    if (err instanceof InvalidDateError) throw new Refusal(`${bounds.what}日期「${text}」不是有效日期，请按 YYYY-MM-DD 填写，例如 2026-09-28。`);
    throw err;
  }
  if (date > bounds.today) throw new Refusal(`${bounds.what}日期 ${date} 晚于今天，请填写实际${bounds.what}的日期。`);
  if (bounds.notBefore && date < bounds.notBefore) throw new Refusal(`${bounds.what}日期 ${date} 早于起算日 ${bounds.notBefore}，请检查日期。`);
  return date;
}
