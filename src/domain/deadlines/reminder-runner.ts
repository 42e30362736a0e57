import { parseLocalDate } from '../../kernel/time/local-date';
import { nextReminderStep, reminderStepAt, type DeadlineReminderRules, type ReminderStep } from './reminder-steps';

const BATCH = 200;
const MAX_ROUNDS = 50;

export interface RemindedItem {
  dueDate: string;
  nextStepOffset?: number | null;
  escalatedAt?: Date | null;
}

/** How one register with deadlines (documents, rectification items) takes part in the reminder run. */
export interface ReminderRegister<T extends RemindedItem> {
  /** Items whose next reminder is due by `at`, earliest first: an indexed query over due items only. */
  due(at: Date, limit: number): Promise<T[]>;
  /** Writes one step's messages to the outbox under keys (item, due date, step) + recipient. */
  send(item: T, step: ReminderStep, late: boolean): Promise<void>;
  /** Moves the item to its next step unless it changed meanwhile; returns whether it moved. */
  advance(item: T, next: ReminderStep, escalatedAt: Date | undefined): Promise<boolean>;
  /** When the item's reminders go out (its kind's policy). */
  rules(item: T): DeadlineReminderRules;
}

/**
 * Sends every reminder step due at `at`, then moves each item to its next step.
 * A repeated or concurrent run re-writes the same outbox keys (no-ops), and a crash
 * before the move only repeats no-ops. Steps missed during downtime go out once, marked late.
 */
export async function runDueReminders<T extends RemindedItem>(register: ReminderRegister<T>, at: Date, lateAfterMinutes: number): Promise<number> {
  let steps = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const due = await register.due(at, BATCH);
    let moved = 0;
    for (const item of due) {
      const rules = register.rules(item);
      const dueDate = parseLocalDate(item.dueDate);
      let step = reminderStepAt(dueDate, item.nextStepOffset ?? 0, rules);
      let escalated = false;
      while (step.at <= at) {
        const late = at.getTime() - step.at.getTime() > lateAfterMinutes * 60_000;
        await register.send(item, step, late);
        escalated ||= step.kind === 'escalation';
        steps++;
        step = nextReminderStep(dueDate, step.offset, rules);
      }
      if (await register.advance(item, step, escalated && !item.escalatedAt ? at : undefined)) moved++;
    }
    if (due.length < BATCH || moved === 0) break;
  }
  return steps;
}
