import type { DeadlineDocument, DocumentStore } from '../../store/documents';
import { runDueReminders } from '../deadlines/reminder-runner';
import type { ReminderStep } from '../deadlines/reminder-steps';
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
        send: (doc, step, late) => this.sendStep(doc, step, late),
        advance: (doc, next, escalatedAt) => documents.advanceReminder(doc, next, escalatedAt),
      },
      at,
      this.deps.lateAfterMinutes,
    );
  }

  private async sendStep(doc: DeadlineDocument, step: ReminderStep, late: boolean): Promise<void> {
    const { notifier, roster, org, kinds } = this.deps;
    const names = kinds.names(doc);
    const key = `remind:${doc.number}${doc.transferStep ? `:${doc.transferStep}` : ''}:${doc.dueDate}:${step.key}`;
    await notifier.toPeople(await remindedPeople(roster, org, doc), key, texts.reminderText(doc, names, step), { late });
    if (step.kind !== 'escalation') return;
    await notifier.toPeople(await escalatedPeople(roster, org, doc.issuer), `escalate:${doc.number}:${doc.dueDate}`, texts.escalationText(doc, names), {
      late,
    });
  }
}
