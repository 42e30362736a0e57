import { CHANGE_LEASE_MS, type DeadlineDocument, type DocumentChange, type DocumentStore } from '../documents';
import { Agenda, type AgendaTimes } from './agenda';
import { claimAttempt } from './claims';
import { DeadlineDocumentModel } from './models/deadline-document';

/** Documents written before versions have none: they are at version 0. */
function atVersion(version: number): object {
  return version === 0 ? { $or: [{ version: 0 }, { version: { $exists: false } }] } : { version };
}

type DocumentList = 'remind' | 'ladder' | 'sign';

/** When a document is due for each scheduled job: its next reminder, its escalation ladder's next step, its signing deadline. */
export function documentAgendaTimes(doc: DeadlineDocument): AgendaTimes<DocumentList> {
  const open = doc.status === 'open';
  const times: AgendaTimes<DocumentList> = {};
  if (doc.nextRemindAt) times.remind = doc.nextRemindAt;
  // Not yet on the ladder: placed on it by the next run.
  if (open && !doc.reply) {
    if (!doc.ladder) times.ladder = doc.createdAt;
    else if (doc.ladder.nextAt) times.ladder = doc.ladder.nextAt;
  }
  if (open && doc.signBy && !doc.receipt && !doc.receiptEscalatedAt) times.sign = doc.signBy;
  return times;
}

/** The agenda of the deadline documents (src/store/mongo/agenda.ts); `agenda rebuild` files it anew. */
export const documentAgenda = new Agenda<DeadlineDocument, DocumentList>({
  name: 'document',
  lists: ['remind', 'ladder', 'sign'],
  times: documentAgendaTimes,
  numberOf: (doc) => doc.number,
  read: (numbers) => DeadlineDocumentModel.find({ number: { $in: numbers } }).lean<DeadlineDocument[]>(),
  all: () =>
    DeadlineDocumentModel.find({ $or: [{ status: 'open' }, { nextRemindAt: { $ne: null } }] })
      .lean<DeadlineDocument[]>()
      .cursor(),
});

function applied(doc: DeadlineDocument, change: DocumentChange): DeadlineDocument {
  const next = { ...doc, ...change.set };
  for (const field of change.unset ?? []) delete next[field];
  return next;
}

export class MongoDocumentStore implements DocumentStore {
  async insert(doc: DeadlineDocument): Promise<void> {
    await documentAgenda.file(doc);
    await DeadlineDocumentModel.create(doc);
  }

  find(number: string): Promise<DeadlineDocument | null> {
    return DeadlineDocumentModel.findOne({ number }).lean<DeadlineDocument>();
  }

  findByReference(kind: string, reference: string): Promise<DeadlineDocument | null> {
    return DeadlineDocumentModel.findOne({ kind, reference }).lean<DeadlineDocument>();
  }

  openFor(agency: string, skip: number, limit: number): Promise<DeadlineDocument[]> {
    return DeadlineDocumentModel.find({ status: 'open', $or: [{ recipient: agency }, { issuer: agency }] })
      .sort({ dueDate: 1, number: 1 })
      .skip(skip)
      .limit(limit)
      .lean<DeadlineDocument[]>();
  }

  search({ from, to, status }: { from?: string; to?: string; status?: DeadlineDocument['status'] }, limit: number): Promise<DeadlineDocument[]> {
    const filter = { ...(status && { status }), ...((from || to) && { startDate: { ...(from && { $gte: from }), ...(to && { $lte: to }) } }) };
    return DeadlineDocumentModel.find(filter).sort({ startDate: -1, number: -1 }).limit(limit).lean<DeadlineDocument[]>();
  }

  overdue(today: string): Promise<DeadlineDocument[]> {
    return DeadlineDocumentModel.find({ status: 'open', dueDate: { $lt: today } })
      .sort({ dueDate: 1, number: 1 })
      .lean<DeadlineDocument[]>();
  }

  openProvisional(): Promise<DeadlineDocument[]> {
    return DeadlineDocumentModel.find({ status: 'open', provisional: true }).lean<DeadlineDocument[]>();
  }

  dueForReminder(until: Date, limit: number): Promise<DeadlineDocument[]> {
    return documentAgenda.due('remind', until, limit);
  }

  async advanceReminder(doc: DeadlineDocument, next: { at: Date; offset: number }, escalatedAt: Date | undefined): Promise<boolean> {
    const set = { nextRemindAt: next.at, nextStepOffset: next.offset, ...(escalatedAt ? { escalatedAt } : {}) };
    await documentAgenda.file({ ...doc, ...set });
    const result = await DeadlineDocumentModel.updateOne(
      { number: doc.number, status: 'open', dueDate: doc.dueDate, nextStepOffset: doc.nextStepOffset },
      { $set: set },
    );
    if (result.modifiedCount > 0) await documentAgenda.prune({ ...doc, ...set });
    return result.modifiedCount > 0;
  }

  async unsigned(at: Date, limit: number): Promise<DeadlineDocument[]> {
    return (await documentAgenda.due('sign', at, limit)).sort((a, b) => a.signBy!.getTime() - b.signBy!.getTime());
  }

  async ladderDue(at: Date, limit: number): Promise<DeadlineDocument[]> {
    return (await documentAgenda.due('ladder', at, limit)).sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.number.localeCompare(b.number));
  }

  async applyChange(number: string, version: number, change: DocumentChange, now: Date): Promise<DeadlineDocument | null> {
    if (!(await claimAttempt(`document:${number}:v${version}`, now, CHANGE_LEASE_MS))) return null;
    const before = await DeadlineDocumentModel.findOne({ number, ...atVersion(version) }).lean<DeadlineDocument>();
    if (!before) return null;
    await documentAgenda.file(applied(before, change));
    const unset = change.unset?.length ? { $unset: Object.fromEntries(change.unset.map((field) => [field, 1])) } : {};
    // The condition only matters after a takeover of a dead claimant's change.
    const after = await DeadlineDocumentModel.findOneAndUpdate(
      { number, ...atVersion(version) },
      { $set: { ...change.set, version: version + 1 }, ...unset },
      { returnDocument: 'after' },
    ).lean<DeadlineDocument>();
    if (after) await documentAgenda.prune(after);
    return after;
  }
}
