import { parseLocalDate } from '../../kernel/time/local-date';
import { localDateOf } from '../../kernel/time/local-time';
import { toOutgoing, type OutgoingMessage } from '../../kernel/messages';
import type { DeadlineDocument, DocumentStore } from '../../store/documents';
import { countdown, lateNote } from '../deadlines/countdown';
import type { WorkingCalendar } from '../deadlines/calendar';
import { runDueReminders, type DueReminder } from '../deadlines/reminder-runner';
import type { Notifier } from '../notifier';
import type { Organization } from '../organization';
import { escalatedPeople, type Members, remindedPeople } from './audience';
import type { DocumentKinds } from './kinds';
import * as texts from './texts';

export interface DocumentReminderDeps {
  documents: DocumentStore;
  kinds: DocumentKinds;
  org: Organization;
  roster: Members;
  notifier: Notifier;
  lateAfterMinutes: number;
  calendar: WorkingCalendar;
}

/** The scheduler's side of documents: reminder steps by each kind's policy, and the first-overdue-day escalation. */
export class DocumentReminders {
  constructor(private readonly deps: DocumentReminderDeps) {}

  /** Sends every reminder step due at `at` and moves each document on (src/domain/deadlines/reminder-runner.ts). */
  remindDue(at: Date): Promise<number> {
    const { documents, kinds } = this.deps;
    return runDueReminders<DeadlineDocument>(
      {
        due: (until, limit) => documents.dueForReminder(until, limit),
        rules: (doc) => kinds.get(doc.kind).reminders,
        send: (doc, reminder) => this.send(doc, reminder),
        advance: (doc, next, escalatedAt) => documents.advanceReminder(doc, next, escalatedAt),
      },
      at,
      this.deps,
    );
  }

  /**
   * One current reminder per person; whoever the escalation reaches gets that instead. Both are
   * written again when they go out (`render`), so one delivered later says where things stand then.
   */
  private async send(doc: DeadlineDocument, { step, at, late, escalate }: DueReminder): Promise<void> {
    const { notifier, roster, org } = this.deps;
    const escalated = escalate ? await escalatedPeople(roster, org, doc.issuer) : [];
    const reached = new Set(escalated.map((p) => `${p.channel}:${p.userId}`));
    const reminded = (await remindedPeople(roster, org, doc)).filter((p) => !reached.has(`${p.channel}:${p.userId}`));
    const key = `remind:${doc.number}${doc.transferStep ? `:${doc.transferStep}` : ''}:${doc.dueDate}:${step.key}`;
    const reminder: LiveReminder = {
      number: doc.number,
      dueDate: doc.dueDate,
      transferStep: doc.transferStep,
      plannedAt: step.at.toISOString(),
      what: 'remind',
    };
    await notifier.toPeople(reminded, key, this.text(doc, reminder, at), { late, live: liveRef(reminder) });
    if (!escalate) return;
    const escalation: LiveReminder = { ...reminder, what: 'escalate' };
    await notifier.toPeople(escalated, `escalate:${doc.number}:${doc.dueDate}`, this.text(doc, escalation, at), { late, live: liveRef(escalation) });
  }

  /** The reminder as of `now`, from the document as stored then; null once it was answered, rescheduled or moved on. */
  async render(ref: string, now: Date): Promise<OutgoingMessage | null> {
    const reminder = JSON.parse(ref) as LiveReminder;
    const doc = await this.deps.documents.find(reminder.number);
    const current = doc && doc.status === 'open' && doc.dueDate === reminder.dueDate && doc.transferStep === reminder.transferStep;
    return current ? toOutgoing(this.text(doc, reminder, now)) : null;
  }

  private text(doc: DeadlineDocument, reminder: LiveReminder, now: Date): string {
    const { kinds, calendar, lateAfterMinutes } = this.deps;
    const names = kinds.names(doc);
    const today = localDateOf(now);
    const state = countdown(parseLocalDate(doc.dueDate), today, calendar);
    const plannedAt = new Date(reminder.plannedAt);
    const note = now.getTime() - plannedAt.getTime() > lateAfterMinutes * 60_000 ? lateNote(plannedAt) : '';
    return (reminder.what === 'remind' ? texts.reminderText(doc, names, state, today) : texts.escalationText(doc, names, state)) + note;
  }
}

/** The renderer of document reminders in the outbox sender (src/scheduler/live-messages.ts). */
export const DOCUMENT_REMINDER = 'document-reminder';

/** What a reminder row keeps to be written again: the document as it was meant for, and when the step was due. */
interface LiveReminder {
  number: string;
  dueDate: string;
  transferStep?: string;
  plannedAt: string;
  what: 'remind' | 'escalate';
}

const liveRef = (reminder: LiveReminder) => ({ kind: DOCUMENT_REMINDER, ref: JSON.stringify(reminder) });
