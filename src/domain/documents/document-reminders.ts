import { DeadlineDocumentModel, type DeadlineDocument } from '../../store/models/deadline-document';
import type { Person } from '../../store/models/person';
import { parseLocalDate } from '../deadlines/local-date';
import { nextReminderStep, reminderStepAt, type ReminderStep } from '../deadlines/reminder-steps';
import type { RosterService } from '../roster/roster-service';
import type { DocumentDeps } from './document-service';
import { escalationSteps } from './kinds';
import * as texts from './texts';

const BATCH = 200;

/** Who is reminded of an item: every member of the recipient, and the issuer's organizers. */
export async function reminderRecipients(roster: RosterService, doc: DeadlineDocument): Promise<Person[]> {
  return [...(await roster.members(doc.recipient, [])), ...(await roster.members(doc.issuer, ['organizer']))];
}

/** The scheduler's side of documents: reminder steps and the first-overdue-day escalation. */
export class DocumentReminderRunner {
  constructor(
    private readonly deps: DocumentDeps,
    private readonly names: (doc: DeadlineDocument) => texts.Names,
  ) {}

  /**
   * Sends every reminder step due at `at` (one indexed query over due items), each
   * through the outbox under the key (item, due date, step) + recipient, then moves
   * the item to its next step with a compare-and-set. A repeated or concurrent tick
   * re-writes the same keys (no-ops); a crash before the move only repeats no-ops.
   */
  async remindDue(at: Date): Promise<number> {
    let steps = 0;
    for (let round = 0; round < 50; round++) {
      const due = await DeadlineDocumentModel.find({ nextRemindAt: { $lte: at } })
        .sort({ nextRemindAt: 1 })
        .limit(BATCH)
        .lean<DeadlineDocument[]>();
      let moved = 0;
      for (const doc of due) {
        const result = await this.remindOne(doc, at);
        steps += result.steps;
        if (result.moved) moved++;
      }
      if (due.length < BATCH || moved === 0) break;
    }
    return steps;
  }

  private async remindOne(doc: DeadlineDocument, at: Date): Promise<{ steps: number; moved: boolean }> {
    const rules = this.deps.reminders.deadlines;
    const dueDate = parseLocalDate(doc.dueDate);
    let step = reminderStepAt(dueDate, doc.nextStepOffset ?? 0, rules);
    let steps = 0;
    let escalated = false;
    while (step.at <= at) {
      const late = at.getTime() - step.at.getTime() > rules.lateAfterMinutes * 60_000;
      await this.sendStep(doc, step, late);
      escalated ||= step.kind === 'escalation';
      steps++;
      step = nextReminderStep(dueDate, step.offset, rules);
    }
    const result = await DeadlineDocumentModel.updateOne(
      { number: doc.number, status: 'open', dueDate: doc.dueDate, nextStepOffset: doc.nextStepOffset },
      { $set: { nextRemindAt: step.at, nextStepOffset: step.offset, ...(escalated && !doc.escalatedAt ? { escalatedAt: at } : {}) } },
    );
    return { steps, moved: result.modifiedCount > 0 };
  }

  private async sendStep(doc: DeadlineDocument, step: ReminderStep, late: boolean): Promise<void> {
    const { notifier, roster } = this.deps;
    const names = this.names(doc);
    const key = `remind:${doc.number}${doc.transferStep ? `:${doc.transferStep}` : ''}:${doc.dueDate}:${step.key}`;
    await notifier.toPeople(await reminderRecipients(roster, doc), key, texts.reminderText(doc, names, step), { late });
    if (step.kind !== 'escalation') return;
    const told = [
      ...(await roster.members(doc.issuer, ['organizer', 'leader'])),
      ...(doc.issuer === 'sfj' ? [] : await roster.members('sfj', ['organizer', 'leader'])),
    ];
    const steps = escalationSteps(this.deps.deadlines, doc.kind);
    await notifier.toPeople(told, `escalate:${doc.number}:${doc.dueDate}`, texts.escalationText(doc, names, steps), { late });
  }}
