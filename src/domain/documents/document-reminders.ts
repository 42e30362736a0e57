import { DeadlineDocumentModel } from '../../store/mongo/models/deadline-document';
import type { DeadlineDocument } from '../../store/documents';
import type { Person } from '../../kernel/people';
import { runDueReminders } from '../deadlines/reminder-runner';
import type { ReminderStep } from '../deadlines/reminder-steps';
import type { RosterService } from '../roster/roster-service';
import type { Organization } from '../organization';
import type { DocumentDeps } from './document-service';
import { escalationSteps } from './kinds';
import * as texts from './texts';

/** Who is reminded of an item: every member of the recipient, and the issuer's organizers. */
export async function reminderRecipients(roster: RosterService, org: Organization, doc: DeadlineDocument): Promise<Person[]> {
  return [...(await roster.members(doc.recipient, [])), ...(await roster.members(doc.issuer, org.audience('issuerCopies')))];
}

/** The scheduler's side of documents: reminder steps and the first-overdue-day escalation. */
export class DocumentReminderRunner {
  constructor(
    private readonly deps: DocumentDeps,
    private readonly names: (doc: DeadlineDocument) => texts.Names,
  ) {}

  /** Sends every reminder step due at `at` and moves each document on (src/domain/deadlines/reminder-runner.ts). */
  async remindDue(at: Date): Promise<number> {
    return runDueReminders<DeadlineDocument>(
      {
        due: (until, limit) =>
          DeadlineDocumentModel.find({ nextRemindAt: { $lte: until } })
            .sort({ nextRemindAt: 1 })
            .limit(limit)
            .lean<DeadlineDocument[]>(),
        send: (doc, step, late) => this.sendStep(doc, step, late),
        advance: async (doc, next, escalatedAt) =>
          (
            await DeadlineDocumentModel.updateOne(
              { number: doc.number, status: 'open', dueDate: doc.dueDate, nextStepOffset: doc.nextStepOffset },
              { $set: { nextRemindAt: next.at, nextStepOffset: next.offset, ...(escalatedAt ? { escalatedAt } : {}) } },
            )
          ).modifiedCount > 0,
      },
      at,
      this.deps.reminders.deadlines,
    );
  }

  private async sendStep(doc: DeadlineDocument, step: ReminderStep, late: boolean): Promise<void> {
    const { notifier, roster, org } = this.deps;
    const names = this.names(doc);
    const key = `remind:${doc.number}${doc.transferStep ? `:${doc.transferStep}` : ''}:${doc.dueDate}:${step.key}`;
    await notifier.toPeople(await reminderRecipients(roster, org, doc), key, texts.reminderText(doc, names, step), { late });
    if (step.kind !== 'escalation') return;
    const told = [
      ...(await roster.members(doc.issuer, org.audience('escalation'))),
      ...(doc.issuer === org.part('justice') ? [] : await roster.members(org.part('justice'), org.audience('escalation'))),
    ];
    const steps = escalationSteps(this.deps.deadlines, doc.kind);
    await notifier.toPeople(told, `escalate:${doc.number}:${doc.dueDate}`, texts.escalationText(doc, names, steps), { late });
  }
}
