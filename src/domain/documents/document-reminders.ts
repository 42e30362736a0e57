import { parseLocalDate } from '../../kernel/time/local-date';
import { localDateOf } from '../../kernel/time/local-time';
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

  /** One current reminder per person; whoever the escalation reaches gets that instead. */
  private async send(doc: DeadlineDocument, { step, at, late, escalate }: DueReminder): Promise<void> {
    const { notifier, roster, org, kinds, calendar } = this.deps;
    const names = kinds.names(doc);
    const today = localDateOf(at);
    const escalated = escalate ? await escalatedPeople(roster, org, doc.issuer) : [];
    const reached = new Set(escalated.map((p) => `${p.channel}:${p.userId}`));
    const reminded = (await remindedPeople(roster, org, doc)).filter((p) => !reached.has(`${p.channel}:${p.userId}`));
    const key = `remind:${doc.number}${doc.transferStep ? `:${doc.transferStep}` : ''}:${doc.dueDate}:${step.key}`;
    const state = countdown(parseLocalDate(doc.dueDate), today, calendar);
    const note = late ? lateNote(step.at) : '';
    await notifier.toPeople(reminded, key, texts.reminderText(doc, names, state, today) + note, { late });
    if (!escalate) return;
    await notifier.toPeople(escalated, `escalate:${doc.number}:${doc.dueDate}`, texts.escalationText(doc, names, state) + note, { late });
  }
}
