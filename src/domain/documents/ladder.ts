import { addDays, daysBetween, parseLocalDate, type LocalDate } from '../../kernel/time/local-date';
import { instantAt } from '../../kernel/time/local-time';
import type { DeadlineDocument, Ladder, LadderLevel } from '../../store/documents';
import { onOrNextWorkingDay, type WorkingCalendar } from '../deadlines/calendar';
import { nthWorkingDayAfter } from '../deadlines/count';

/** config/escalation.yaml `ladder`, as the ladder reads it. */
export interface LadderRules {
  time: string;
  yellowShare: number;
  bulletinAfterWorkingDays: number;
}

/** What the ladder does for an item at an instant: climb to a level, or only wait until `nextAt`. */
export type LadderMove = { kind: 'climb'; level: LadderLevel } | { kind: 'wait'; nextAt: Date | null };

/** The ladder as it stands for the item's current due date (a new due date starts it anew). */
export function currentLadder(doc: Pick<DeadlineDocument, 'dueDate' | 'ladder'>): Ladder {
  return doc.ladder?.due === doc.dueDate ? doc.ladder : { due: doc.dueDate, nextAt: null };
}

/** 黄色预警: the first working day on which the configured share of the period is used; none when that is not before the due date. */
export function yellowAt(doc: Pick<DeadlineDocument, 'startDate' | 'dueDate'>, rules: LadderRules, calendar: WorkingCalendar): Date | null {
  const start = parseLocalDate(doc.startDate);
  const due = parseLocalDate(doc.dueDate);
  const day = onOrNextWorkingDay(addDays(start, Math.ceil(daysBetween(start, due) * rules.yellowShare)), calendar);
  return day < due ? instantAt(day, rules.time) : null;
}

/** 红色预警 and the 催办通知书: the first working day after the due date. */
export function redAt(dueDate: string, rules: LadderRules, calendar: WorkingCalendar): Date {
  return instantAt(onOrNextWorkingDay(addDays(parseLocalDate(dueDate), 1), calendar), rules.time);
}

/** The 通报 draft: the configured number of working days after the 催办通知书 went out. */
export function bulletinAt(urgedOn: LocalDate, rules: LadderRules, calendar: WorkingCalendar): Date {
  return instantAt(nthWorkingDayAfter(urgedOn, rules.bulletinAfterWorkingDays, calendar), rules.time);
}

/**
 * The next move of an unanswered item at `at`. Levels are climbed one at a time, and yellow is skipped once the
 * item is overdue (an item registered late or found after downtime gets the current level, not the history).
 */
export function nextMove(doc: DeadlineDocument, at: Date, rules: LadderRules, calendar: WorkingCalendar): LadderMove {
  const ladder = currentLadder(doc);
  const red = redAt(doc.dueDate, rules, calendar);
  if (ladder.level === 'bulletin') return { kind: 'wait', nextAt: null };
  if (ladder.level === 'red') {
    const bulletin = bulletinAt(parseLocalDate(ladder.urge!.on), rules, calendar);
    return at >= bulletin ? { kind: 'climb', level: 'bulletin' } : { kind: 'wait', nextAt: bulletin };
  }
  if (at >= red) return { kind: 'climb', level: 'red' };
  if (ladder.level === 'yellow') return { kind: 'wait', nextAt: red };
  const yellow = yellowAt(doc, rules, calendar);
  if (yellow && at >= yellow) return { kind: 'climb', level: 'yellow' };
  return { kind: 'wait', nextAt: yellow ?? red };
}
