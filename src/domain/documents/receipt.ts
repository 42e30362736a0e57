import type { Person } from '../../kernel/people';
import type { LocalDate } from '../../kernel/time/local-date';
import { instantAt, localDateOf, localTimeOf } from '../../kernel/time/local-time';
import type { DeadlineDocument, Receipt } from '../../store/documents';
import { onOrNextWorkingDay, type WorkingCalendar } from '../deadlines/calendar';
import { nthWorkingDayAfter } from '../deadlines/count';
import { addDays } from '../../kernel/time/local-date';
import type { Organization } from '../organization';
import type { Names } from './kinds';

/** The card a registered document is pushed as, and the id its 签收 update names. */
export const receiptCardId = (number: string) => `receipt:${number}`;
export const signCommand = (number: string) => `签收 ${number}`;

/**
 * When a document registered at `registeredAt` counts as not signed for: the first working day after the
 * `workingDays`-th working day after registration, at `time` — so the escalation itself goes out on a working day.
 */
export function signByOf(registeredAt: Date, workingDays: number, time: string, calendar: WorkingCalendar): Date {
  const lastDay: LocalDate = nthWorkingDayAfter(localDateOf(registeredAt), workingDays, calendar);
  return instantAt(onOrNextWorkingDay(addDays(lastDay, 1), calendar), time);
}

/** The liaisons of the receiving unit, who get the card; everyone of the unit when it has none. */
export function cardHolders(members: Person[], liaisonRoles: readonly string[]): Person[] {
  const liaisons = members.filter((p) => p.roles.some((role) => liaisonRoles.includes(role)));
  return liaisons.length ? liaisons : members;
}

export function whenSigned(receipt: Receipt): string {
  return `${localDateOf(receipt.at)} ${localTimeOf(receipt.at)}`;
}

export function signedBy(receipt: Receipt, org: Organization): string {
  return `${org.shortName(receipt.by.agency)} ${receipt.by.name}`;
}

/** The card's text once signed: who signed and when, replacing the 签收 button. */
export function signedCardText(doc: DeadlineDocument, names: Names, receipt: Receipt, org: Organization): string {
  return `${names.kind.name} ${doc.number}（${doc.reference}）已由 ${signedBy(receipt, org)} 于 ${whenSigned(receipt)} 签收。期限：${doc.dueDate}（自送达日 ${doc.startDate} 起算）。`;
}

/** The line beside 送达 in 文书 <编号>. */
export function receiptLine(doc: DeadlineDocument, org: Organization): string {
  if (doc.receipt) return `送达：${doc.startDate}；签收：${signedBy(doc.receipt, org)} ${whenSigned(doc.receipt)}`;
  return doc.signBy ? `送达：${doc.startDate}；尚未签收` : `送达：${doc.startDate}`;
}

/** The escalation of a document nobody signed for; `state` is where its deadline stands when it goes out. */
export function unsignedEscalationText(doc: DeadlineDocument, names: Names, workingDays: number, state: string): string {
  return `【未签收】${names.kind.name} ${doc.number}（${doc.reference}）已于 ${localDateOf(doc.createdAt)} 推送给${names.recipient}，${workingDays}个工作日内无人签收。请电话联系对方联络员，或在名册中核实该单位的联络员。期限仍自送达日 ${doc.startDate} 起算，${state}。`;
}

/** The renderer of 未签收 escalations in the outbox sender (src/scheduler/live-messages.ts). */
export const RECEIPT_OVERDUE = 'receipt-overdue';
