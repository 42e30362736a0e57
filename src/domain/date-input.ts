import { InvalidDateError } from '../kernel/time/errors';
import { parseLocalDate, type LocalDate } from '../kernel/time/local-date';
import { Refusal } from './errors';

/** A date an officer typed, or a refusal that says how to write it. */
export function dateInput(text: string, what: string): LocalDate {
  try {
    return parseLocalDate(text);
  } catch (err) {
    if (err instanceof InvalidDateError) throw new Refusal(`${what}「${text}」不是有效日期，请按 YYYY-MM-DD 填写，例如 2026-03-15。`);
    throw err;
  }
}
