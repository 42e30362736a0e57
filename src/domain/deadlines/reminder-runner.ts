import { mapAtOnce } from '../../kernel/at-once';
import { toOutgoing, type OutgoingMessage } from '../../kernel/messages';
import type { Person } from '../../kernel/people';
import { parseLocalDate, type LocalDate } from '../../kernel/time/local-date';
import { instantAt, localDateOf } from '../../kernel/time/local-time';
import type { LiveRef } from '../../store/outbox';
import type { Notifier } from '../notifier';
import { onOrNextWorkingDay, type WorkingCalendar } from './calendar';
import { countdown, lateNote } from './countdown';
import { dueTitle } from './step-words';
import { nextReminderStep, reminderStepAt, type DeadlineReminderRules, type ReminderStep } from './reminder-steps';

const BATCH = 200;
const MAX_ROUNDS = 50;
const ITEMS_AT_ONCE = 8;

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
    // Items are independent (each its own outbox keys and conditional move): several at once.
    await mapAtOnce(due, ITEMS_AT_ONCE, async (item) => {
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
        return;
      }
      const escalate = reachedEscalation && !item.escalatedAt;
      if (latest) {
        const late = at.getTime() - latest.at.getTime() > options.lateAfterMinutes * 60_000;
        await register.send(item, { step: latest, at, late, escalate });
        sent++;
      }
      if (await register.advance(item, step, escalate ? at : undefined)) moved++;
    });
    if (due.length < BATCH || moved === 0) break;
  }
  return sent;
}

/** An item of a register reminded through `StoreReminders`: found again by its number when its reminder goes out. */
export interface LiveRemindedItem extends RemindedItem {
  number: string;
  /** Null once the item needs no more reminders (answered, closed, decided). */
  nextRemindAt: Date | null;
}

/** Whom an outbox row goes to: a renderer may drop a row for one recipient and not another (e.g. once they answered). */
export type LiveRecipient = Pick<Person, 'channel' | 'userId'>;

/** A renderer of outbox rows written again when they go out, by its `LiveRef.kind` (src/scheduler/live-messages.ts). */
export type LiveRendering = readonly [kind: string, render: (ref: string, now: Date, to: LiveRecipient) => Promise<OutgoingMessage | null>];

/** Where an item stands at the moment a reminder goes out (not when it was written). */
export interface ReminderMoment {
  today: LocalDate;
  /** 期限提醒 up to the due day, 逾期提醒 after. */
  title: string;
  /** The holiday-aware countdown: 「还剩 1 个工作日（8 天，含休息日）」, 「明天（…）到期」, 「现已逾期 3 天」. */
  state: string;
}

/** A register with deadlines whose reminders are written again when they go out (src/scheduler/live-messages.ts). */
export interface StoreReminderSpec<T extends LiveRemindedItem> {
  /** Names the register in the outbox rows' live reference (`reminder:<name>`). */
  name: string;
  due(until: Date, limit: number): Promise<T[]>;
  advance(item: T, next: ReminderStep, escalatedAt: Date | undefined): Promise<boolean>;
  /** The item as stored now. */
  find(number: string): Promise<T | null>;
  rules: DeadlineReminderRules;
  /** Who gets the reminder, and (when it escalates) who gets the escalation. */
  audience(item: T, escalate: boolean): Promise<{ reminded: Person[]; escalated: Person[] }>;
  /** The reminder's or escalation's text as of `moment`. */
  text(item: T, what: LiveReminderRef['what'], moment: ReminderMoment): string;
}

/** What an outbox row keeps to write its reminder again: the item and due date it was for, and when its step was due. */
export interface LiveReminderRef {
  number: string;
  dueDate: string;
  plannedAt: string;
  what: 'remind' | 'escalate';
}

export interface StoreReminderDeps extends ReminderRunOptions {
  notifier: Pick<Notifier, 'toPeople'>;
}

/** Where an item due on `dueDate` stands on `at`'s day, in the words every reminder uses. */
export function reminderMoment(dueDate: string, at: Date, calendar: WorkingCalendar): ReminderMoment {
  const today = localDateOf(at);
  return { today, title: dueTitle(dueDate, today), state: countdown(parseLocalDate(dueDate), today, calendar) };
}

/** The mark of a reminder that goes out later than its step's time, or nothing. */
export function lateMark(plannedAt: Date, now: Date, lateAfterMinutes: number): string {
  return now.getTime() - plannedAt.getTime() > lateAfterMinutes * 60_000 ? lateNote(plannedAt) : '';
}

/**
 * The reminders of one register with deadlines (consultations, file access, court supervision, accountability,
 * mediation, rectification items): `run` writes them under keys (item, due date, step) + recipient, each with a
 * live reference, and `render` writes one again when it goes out — where the item stands that day, marked when
 * late — or drops it once the item was answered, closed or given another due date.
 */
export class StoreReminders<T extends LiveRemindedItem> {
  readonly kind: string;

  constructor(
    private readonly spec: StoreReminderSpec<T>,
    private readonly deps: StoreReminderDeps,
  ) {
    this.kind = `reminder:${spec.name}`;
  }

  run(at: Date): Promise<number> {
    const { spec } = this;
    return runDueReminders<T>(
      {
        due: (until, limit) => spec.due(until, limit),
        rules: () => spec.rules,
        send: (item, reminder) => this.send(item, reminder),
        advance: spec.advance.bind(spec),
      },
      at,
      this.deps,
    );
  }

  private async send(item: T, { step, at, late, escalate }: DueReminder): Promise<void> {
    const { reminded, escalated } = await this.spec.audience(item, escalate);
    const ref: LiveReminderRef = { number: item.number, dueDate: item.dueDate, plannedAt: step.at.toISOString(), what: 'remind' };
    await this.deps.notifier.toPeople(reminded, `remind:${item.number}:${item.dueDate}:${step.key}`, this.text(item, ref, at), { late, live: this.live(ref) });
    if (!escalate) return;
    const escalation: LiveReminderRef = { ...ref, what: 'escalate' };
    await this.deps.notifier.toPeople(escalated, `escalate:${item.number}:${item.dueDate}`, this.text(item, escalation, at), {
      late,
      live: this.live(escalation),
    });
  }

  /** The reminder as of `now`; null once the item needs no reminder for that due date. */
  async render(ref: string, now: Date): Promise<OutgoingMessage | null> {
    const reminder = JSON.parse(ref) as LiveReminderRef;
    const item = await this.spec.find(reminder.number);
    if (!item || item.dueDate !== reminder.dueDate || !item.nextRemindAt) return null;
    return toOutgoing(this.text(item, reminder, now));
  }

  private text(item: T, ref: LiveReminderRef, now: Date): string {
    const moment = reminderMoment(item.dueDate, now, this.deps.calendar);
    return this.spec.text(item, ref.what, moment) + lateMark(new Date(ref.plannedAt), now, this.deps.lateAfterMinutes);
  }

  private live(ref: LiveReminderRef): LiveRef {
    return { kind: this.kind, ref: JSON.stringify(ref) };
  }
}
