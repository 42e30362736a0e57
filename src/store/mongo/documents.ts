import { CHANGE_LEASE_MS, type DeadlineDocument, type DocumentChange, type DocumentStore } from '../documents';
import { claimAttempt } from './claims';
import { DeadlineDocumentModel } from './models/deadline-document';

/** Documents written before versions have none: they are at version 0. */
function atVersion(version: number): object {
  return version === 0 ? { $or: [{ version: 0 }, { version: { $exists: false } }] } : { version };
}

export class MongoDocumentStore implements DocumentStore {
  async insert(doc: DeadlineDocument): Promise<void> {
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

  overdue(today: string): Promise<DeadlineDocument[]> {
    return DeadlineDocumentModel.find({ status: 'open', dueDate: { $lt: today } })
      .sort({ dueDate: 1, number: 1 })
      .lean<DeadlineDocument[]>();
  }

  openProvisional(): Promise<DeadlineDocument[]> {
    return DeadlineDocumentModel.find({ status: 'open', provisional: true }).lean<DeadlineDocument[]>();
  }

  dueForReminder(until: Date, limit: number): Promise<DeadlineDocument[]> {
    return DeadlineDocumentModel.find({ nextRemindAt: { $lte: until } })
      .sort({ nextRemindAt: 1 })
      .limit(limit)
      .lean<DeadlineDocument[]>();
  }

  async advanceReminder(doc: DeadlineDocument, next: { at: Date; offset: number }, escalatedAt: Date | undefined): Promise<boolean> {
    const result = await DeadlineDocumentModel.updateOne(
      { number: doc.number, status: 'open', dueDate: doc.dueDate, nextStepOffset: doc.nextStepOffset },
      { $set: { nextRemindAt: next.at, nextStepOffset: next.offset, ...(escalatedAt ? { escalatedAt } : {}) } },
    );
    return result.modifiedCount > 0;
  }

  unsigned(at: Date, limit: number): Promise<DeadlineDocument[]> {
    return DeadlineDocumentModel.find({ status: 'open', signBy: { $lte: at }, receipt: { $exists: false }, receiptEscalatedAt: { $exists: false } })
      .sort({ signBy: 1 })
      .limit(limit)
      .lean<DeadlineDocument[]>();
  }

  ladderDue(at: Date, limit: number): Promise<DeadlineDocument[]> {
    return DeadlineDocumentModel.find({
      status: 'open',
      reply: { $exists: false },
      $or: [{ 'ladder.nextAt': { $lte: at } }, { ladder: { $exists: false } }],
    })
      .sort({ dueDate: 1, number: 1 })
      .limit(limit)
      .lean<DeadlineDocument[]>();
  }

  async applyChange(number: string, version: number, change: DocumentChange, now: Date): Promise<DeadlineDocument | null> {
    if (!(await claimAttempt(`document:${number}:v${version}`, now, CHANGE_LEASE_MS))) return null;
    const unset = change.unset?.length ? { $unset: Object.fromEntries(change.unset.map((field) => [field, 1])) } : {};
    // The condition only matters after a takeover of a dead claimant's change.
    return DeadlineDocumentModel.findOneAndUpdate(
      { number, ...atVersion(version) },
      { $set: { ...change.set, version: version + 1 }, ...unset },
      { returnDocument: 'after' },
    ).lean<DeadlineDocument>();
  }
}
