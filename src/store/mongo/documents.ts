import { CHANGE_LEASE_MS, type DeadlineDocument, type DocumentChange, type DocumentStore } from '../documents';
import { Agenda, type AgendaTimes } from './agenda';
import { sealedFields } from './at-rest';
import { claimAttempt } from './claims';
import { DeadlineDocumentModel } from './models/deadline-document';
import { bucketOf } from '../rollup-facts';
import { rollups } from './rollups';

/** Documents written before versions have none: they are at version 0. */
function atVersion(version: number): object {
  return version === 0 ? { $or: [{ version: 0 }, { version: { $exists: false } }] } : { version };
}

type DocumentList = 'remind' | 'ladder' | 'sign';
type Row = Record<string, unknown>;

/** The text of a reply or correction and every name, under the issuing agency's key; the rest are dates and numbers the deadlines run on. */
export const DOCUMENT_SEALING = sealedFields<DeadlineDocument>('document', 'issuer', [
  'reply.text',
  'reply.by.name',
  'correction.text',
  'correction.by.name',
  'receipt.by.name',
  'createdBy.name',
]);
const opened = (rows: Row[]) => DOCUMENT_SEALING.openAll(rows);
const openedOne = (row: Row | null) => row && DOCUMENT_SEALING.open(row);

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
  read: (number) => DeadlineDocumentModel.findOne({ number }).lean<Row>().then(openedOne),
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
    await rollups.around('document', { months: [bucketOf.document(doc)] }, () => DeadlineDocumentModel.create(DOCUMENT_SEALING.seal(doc)));
  }

  find(number: string): Promise<DeadlineDocument | null> {
    return DeadlineDocumentModel.findOne({ number }).lean<Row>().then(openedOne);
  }

  findByReference(kind: string, reference: string): Promise<DeadlineDocument | null> {
    return DeadlineDocumentModel.findOne({ kind, reference }).lean<Row>().then(openedOne);
  }

  openFor(agency: string, skip: number, limit: number): Promise<DeadlineDocument[]> {
    return DeadlineDocumentModel.find({ status: 'open', $or: [{ recipient: agency }, { issuer: agency }] })
      .sort({ dueDate: 1, number: 1 })
      .skip(skip)
      .limit(limit)
      .lean<Row[]>()
      .then(opened);
  }

  search({ from, to, status }: { from?: string; to?: string; status?: DeadlineDocument['status'] }, limit: number): Promise<DeadlineDocument[]> {
    const filter = { ...(status && { status }), ...((from || to) && { startDate: { ...(from && { $gte: from }), ...(to && { $lte: to }) } }) };
    return DeadlineDocumentModel.find(filter).sort({ startDate: -1, number: -1 }).limit(limit).lean<Row[]>().then(opened);
  }

  overdue(today: string): Promise<DeadlineDocument[]> {
    return DeadlineDocumentModel.find({ status: 'open', dueDate: { $lt: today } })
      .sort({ dueDate: 1, number: 1 })
      .lean<Row[]>()
      .then(opened);
  }

  openProvisional(): Promise<DeadlineDocument[]> {
    return DeadlineDocumentModel.find({ status: 'open', provisional: true }).lean<Row[]>().then(opened);
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
    const before = openedOne(await DeadlineDocumentModel.findOne({ number, ...atVersion(version) }).lean<Row>());
    if (!before) return null;
    await documentAgenda.file(applied(before, change));
    const unset = change.unset?.length ? { $unset: Object.fromEntries(change.unset.map((field) => [field, 1])) } : {};
    // The condition only matters after a takeover of a dead claimant's change.
    const after = await rollups.around(
      'document',
      { months: [bucketOf.document(before)] },
      () =>
        DeadlineDocumentModel.findOneAndUpdate(
          { number, ...atVersion(version) },
          { $set: { ...DOCUMENT_SEALING.sealSet(change.set as Row, before.issuer), version: version + 1 }, ...unset },
          { returnDocument: 'after' },
        )
          .lean<Row>()
          .then(openedOne),
      (written) => ({ months: written ? [bucketOf.document(written)] : [] }),
    );
    if (after) await documentAgenda.prune(after);
    return after;
  }
}
