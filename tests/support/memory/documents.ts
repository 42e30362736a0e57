import type { ClaimStore } from '../../../src/store/claims';
import { CHANGE_LEASE_MS, type DeadlineDocument, type DocumentChange, type DocumentStore } from '../../../src/store/documents';
import { byKeys, copies, copy, DuplicateKeyError } from './records';

/** The deadline documents in an array, with the collection's unique number and the per-version change claims. For unit tests only. */
export class MemoryDocumentStore implements DocumentStore {
  readonly records: DeadlineDocument[] = [];

  constructor(private readonly claims: ClaimStore) {}

  async insert(doc: DeadlineDocument): Promise<void> {
    if (this.records.some((d) => d.number === doc.number)) throw new DuplicateKeyError('deadline_documents', doc.number);
    this.records.push(structuredClone(doc));
  }

  async find(number: string): Promise<DeadlineDocument | null> {
    return copy(this.records.find((d) => d.number === number));
  }

  async findByReference(kind: string, reference: string): Promise<DeadlineDocument | null> {
    return copy(this.records.find((d) => d.kind === kind && d.reference === reference));
  }

  async openFor(agency: string, skip: number, limit: number): Promise<DeadlineDocument[]> {
    return this.select((d) => d.status === 'open' && (d.recipient === agency || d.issuer === agency), byKeys('dueDate', 'number')).slice(skip, skip + limit);
  }

  async search({ from, to, status }: { from?: string; to?: string; status?: DeadlineDocument['status'] }, limit: number): Promise<DeadlineDocument[]> {
    return this.select(
      (d) => (!status || d.status === status) && (!from || d.startDate >= from) && (!to || d.startDate <= to),
      byKeys('-startDate', '-number'),
    ).slice(0, limit);
  }

  async overdue(today: string): Promise<DeadlineDocument[]> {
    return this.select((d) => d.status === 'open' && d.dueDate < today, byKeys('dueDate', 'number'));
  }

  async openProvisional(): Promise<DeadlineDocument[]> {
    return this.select((d) => d.status === 'open' && d.provisional);
  }

  async dueForReminder(until: Date, limit: number): Promise<DeadlineDocument[]> {
    return this.select((d) => d.nextRemindAt !== null && d.nextRemindAt <= until, byKeys('nextRemindAt')).slice(0, limit);
  }

  async advanceReminder(doc: DeadlineDocument, next: { at: Date; offset: number }, escalatedAt: Date | undefined): Promise<boolean> {
    const stored = this.records.find(
      (d) => d.number === doc.number && d.status === 'open' && d.dueDate === doc.dueDate && d.nextStepOffset === doc.nextStepOffset,
    );
    if (!stored) return false;
    const before = JSON.stringify(stored);
    Object.assign(stored, { nextRemindAt: next.at, nextStepOffset: next.offset }, escalatedAt ? { escalatedAt } : {});
    return JSON.stringify(stored) !== before;
  }

  async applyChange(number: string, version: number, change: DocumentChange, now: Date): Promise<DeadlineDocument | null> {
    if (!(await this.claims.claimAttempt(`document:${number}:v${version}`, now, CHANGE_LEASE_MS))) return null;
    const stored = this.records.find((d) => d.number === number && (d.version ?? 0) === version);
    if (!stored) return null;
    Object.assign(stored, structuredClone(change.set), { version: version + 1 });
    for (const field of change.unset ?? []) delete stored[field];
    return copy(stored);
  }

  async unsigned(at: Date, limit: number): Promise<DeadlineDocument[]> {
    return this.select((d) => d.status === 'open' && d.signBy !== undefined && d.signBy <= at && !d.receipt && !d.receiptEscalatedAt, byKeys('signBy')).slice(
      0,
      limit,
    );
  }

  async ladderDue(at: Date, limit: number): Promise<DeadlineDocument[]> {
    return this.select(
      (d) => d.status === 'open' && !d.reply && (!d.ladder || (d.ladder.nextAt !== null && d.ladder.nextAt <= at)),
      byKeys('dueDate', 'number'),
    ).slice(0, limit);
  }

  private select(match: (doc: DeadlineDocument) => boolean, order?: (a: DeadlineDocument, b: DeadlineDocument) => number): DeadlineDocument[] {
    const found = copies(this.records.filter(match));
    return order ? found.sort(order) : found;
  }
}
