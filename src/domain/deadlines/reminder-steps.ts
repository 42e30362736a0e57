import { addDays, type LocalDate } from '../../kernel/time/local-date';
import { instantAt } from '../../kernel/time/local-time';
import { workingDayFor, type RestDayRule, type WorkingCalendar } from './calendar';

export type ReminderStepKind = 'before' | 'due' | 'escalation' | 'overdue';

/** When deadline reminders go out (config/reminders.yaml `deadlines`). */
export interface DeadlineReminderRules {
  time: string;
  daysBefore: readonly number[];
  onDueDay: boolean;
  overdueEveryDays: number;
  /** Per kind of step, where a step that falls on a rest day goes: the working day before, after, or the same day. */
  onRestDay: Readonly<Record<ReminderStepKind, RestDayRule>>;
}

/** One reminder of an item: `offset` days from the due date (negative before it). */
export interface ReminderStep {
  offset: number;
  kind: ReminderStepKind;
  /** When it goes out: its day moved off rest days by the rules' `onRestDay`, at the rules' time. */
  at: Date;
  /** Stable name of the step, part of the outbox idempotency key. */
  key: string;
}

// The first overdue day is the escalation step; later overdue reminders follow it every N days.
const ESCALATION_OFFSET = 1;

function kindOf(offset: number): ReminderStepKind {
  if (offset < 0) return 'before';
  if (offset === 0) return 'due';
  return offset === ESCALATION_OFFSET ? 'escalation' : 'overdue';
}

/** The step `offset` days from the due date. */
export function reminderStepAt(due: LocalDate, offset: number, rules: DeadlineReminderRules, calendar: WorkingCalendar): ReminderStep {
  const kind = kindOf(offset);
  return {
    offset,
    kind,
    at: instantAt(workingDayFor(addDays(due, offset), rules.onRestDay[kind], calendar), rules.time),
    key: offset < 0 ? `d${offset}` : `d+${offset}`,
  };
}

function offsetAfter(previous: number | null, rules: DeadlineReminderRules): number {
  if (previous !== null && previous >= ESCALATION_OFFSET) return previous + rules.overdueEveryDays;
  const candidates = [...rules.daysBefore.map((days) => -days), ...(rules.onDueDay ? [0] : []), ESCALATION_OFFSET];
  const next = candidates.filter((offset) => previous === null || offset > previous).sort((a, b) => a - b)[0];
  return next ?? ESCALATION_OFFSET;
}

/** The step after `previous` (the first step when null). The sequence never ends: overdue repeats. */
export function nextReminderStep(due: LocalDate, previous: number | null, rules: DeadlineReminderRules, calendar: WorkingCalendar): ReminderStep {
  return reminderStepAt(due, offsetAfter(previous, rules), rules, calendar);
}

/**
 * The first step to schedule for an item registered at `now`: steps already past are skipped,
 * except the escalation, which an item already overdue still gets (at once, on the next tick).
 */
export function firstReminderStep(due: LocalDate, now: Date, rules: DeadlineReminderRules, calendar: WorkingCalendar): ReminderStep {
  let step = nextReminderStep(due, null, rules, calendar);
  while (step.at <= now && step.offset < ESCALATION_OFFSET) step = nextReminderStep(due, step.offset, rules, calendar);
  return step;
}

/** The first step after `now`, past ones skipped whatever their kind (a back-registered item sends nothing for the past). */
export function reminderStepAfter(due: LocalDate, now: Date, rules: DeadlineReminderRules, calendar: WorkingCalendar): ReminderStep {
  let step = nextReminderStep(due, null, rules, calendar);
  while (step.at <= now) step = nextReminderStep(due, step.offset, rules, calendar);
  return step;
}
