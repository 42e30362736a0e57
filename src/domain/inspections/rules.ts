import type { Person } from '../../kernel/people';
import { InvalidDateError } from '../../kernel/time/errors';
import { parseLocalDate, type LocalDate } from '../../kernel/time/local-date';
import { Refusal } from '../errors';
import type { Organization } from '../organization';

/** The rules chat registration and the bulk import share. */

export function dateArg(text: string, what: string): LocalDate {
  try {
    return parseLocalDate(text.trim());
  } catch (err) {
    if (err instanceof InvalidDateError) throw new Refusal(`${what}「${text}」不是有效日期，请按 YYYY-MM-DD 填写，例如 2026-11-20。`);
    throw err;
  }
}

/** An enforcement unit by code or name; the supervising agencies themselves are not inspected. */
export function enforcementUnit(org: Organization, text: string): string {
  const agency = org.resolve(text);
  if (agency.kind !== 'enforcement') throw new Refusal(`${agency.name}不是行政执法单位，请填写被督查的执法单位，例如 nyncj。`);
  return agency.code;
}

export function mayRegisterInspection(org: Organization, person: Person): boolean {
  return org.is(person.agency, 'supervisor');
}

/** A unit reports its own self-inspection; the justice bureau, which collects them, may record it for a unit. */
export function mayReportSelfInspection(org: Organization, unit: string, person: Person): boolean {
  return person.agency === unit || person.agency === org.part('justice');
}

export function checkInspectionDate(date: LocalDate, today: LocalDate): void {
  if (date > today) throw new Refusal(`巡查日期 ${date} 晚于今天，请填写实际开展巡查的日期。`);
}

export function checkDueDate(due: LocalDate, inspectionDate: LocalDate): void {
  if (due <= inspectionDate) throw new Refusal(`整改期限 ${due} 必须晚于巡查日期 ${inspectionDate}。`);
}

export function checkProblemText(text: string): string {
  const trimmed = text.trim();
  if (!trimmed || trimmed.length > 300) throw new Refusal('请填写问题描述（不超过300字）。');
  return trimmed;
}
