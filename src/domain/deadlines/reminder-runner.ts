import { parseLocalDate } from '../../kernel/time/local-date';
import { instantAt, localDateOf } from '../../kernel/time/local-time';
import { onOrNextWorkingDay, type WorkingCalendar } from './calendar';
import { nextReminderStep, reminderStepAt, type DeadlineReminderRules, type ReminderStep } from './reminder-steps';

const BATCH = 200;
const MAX_ROUNDS = 50;

export interface RemindedItem {
  dueDate: string;
  nextStepOffset?: number | null;
  escalatedAt?: Date | null;
}

/** One reminder as it goes out: the latest step reached, the instant it is written, and what it must carry. */
export interface DueReminder {
  /** The latest step reached by `at`: its key names the outbox rows; earlier missed steps are folded into it. */
  step: ReminderStep;
  /** The run's instant: the text says where the item stands then, not at the step's planned time. */
  at: Date;
  /** Goes out more than the configured minutes after the step's time (downtime, a late registration). */
  late: boolean;
  /** The first overdue day was reached and the item was never escalated: escalate now, once. */
  escalate: boolean;
}

/** How one register with deadlines (documents, rectification items) takes part in the reminder run. */
export interface ReminderRegister<T extends RemindedItem> {
  /** Items whose next reminder is due by `at`, earliest first: an indexed query over due items only. */
  due(at: Date, limit: number): Promise<T[]>;
  /** Writes one reminder's messages to the outbox under keys (item, due date, step) + recipient. */
  send(item: T, reminder: DueReminder): Promise<void>;
  /** Moves the item to its next step unless it changed meanwhile; returns whether it moved. */
  advance(item: T, next: ReminderStep, escalatedAt: Date | undefined): Promise<boolean>;
  /** When the item's reminders go out (its kind's policy). */
  rules(item: T): DeadlineReminderRules;
}

export interface ReminderRunOptions {
  lateAfterMinutes: number;
  calendar: WorkingCalendar;
}

/**
 * Sends the reminders due at `at`, at most one per item, then moves each item to its next step.
 * Steps missed during downtime (or already past when the item was registered) fold into one
 * reminder with the item's state at `at`, under the key of the latest step, so every recipient
 * gets one current message. A repeated or concurrent run re-writes the same outbox keys (no-ops),
 * and a crash before the move only repeats no-ops. A reminder caught up on a rest day waits for the
 * next working day (unless its kind of step is sent on rest days). Returns how many reminders were written.
 */
export async function runDueReminders<T extends RemindedItem>(register: ReminderRegister<T>, at: Date, options: ReminderRunOptions): Promise<number> {
  let sent = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const due = await register.due(at, BATCH);
    let moved = 0;
    for (const item of due) {
      const rules = register.rules(item);
      const dueDate = parseLocalDate(item.dueDate);
      const first = reminderStepAt(dueDate, item.nextStepOffset ?? 0, rules, options.calendar);
      let step = first;
      let latest: ReminderStep | undefined;
      let reachedEscalation = false;
      while (step.at <= at) {
        latest = step;
        reachedEscalation ||= step.kind === 'escalation';
        step = nextReminderStep(dueDate, step.offset, rules, options.calendar);
      }
      const today = localDateOf(at);
      if (latest && rules.onRestDay[latest.kind] !== 'same' && !options.calendar.isWorkingDay(today)) {
        // Missed on a working day (downtime) and caught up on a rest day: held to the next working day.
        const resume = instantAt(onOrNextWorkingDay(today, options.calendar), rules.time);
        if (await register.advance(item, { ...first, at: resume }, undefined)) moved++;
        continue;
      }
      const escalate = reachedEscalation && !item.escalatedAt;
      if (latest) {
        const late = at.getTime() - latest.at.getTime() > options.lateAfterMinutes * 60_000;
        await register.send(item, { step: latest, at, late, escalate });
        sent++;
      }
      if (await register.advance(item, step, escalate ? at : undefined)) moved++;
    }
    if (due.length < BATCH || moved === 0) break;
  }
  return sent;
}

/** A register that keeps each item's next reminder step on the item, all under one reminder policy. */
export interface RemindedStore<T extends RemindedItem> {
  dueForReminder(until: Date, limit: number): Promise<T[]>;
  advanceReminder(item: T, next: ReminderStep, escalatedAt: Date | undefined): Promise<boolean>;
}

/** `runDueReminders` over such a register: what consultations, file access, court supervision, accountability and mediation share. */
export function remindStore<T extends RemindedItem>(
  store: RemindedStore<T>,
  rules: DeadlineReminderRules,
  send: ReminderRegister<T>['send'],
  at: Date,
  options: ReminderRunOptions,
): Promise<number> {
  return runDueReminders<T>(
    {
      due: (until, limit) => store.dueForReminder(until, limit),
      rules: () => rules,
      send,
      advance: (item, next, escalatedAt) => store.advanceReminder(item, next, escalatedAt),
    },
    at,
    options,
  );
}
