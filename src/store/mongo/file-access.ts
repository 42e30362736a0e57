import {
  DECIDE_LEASE_MS,
  type AccessGrant,
  type AccessRefusal,
  type FileAccessFile,
  type FileAccessOpen,
  type FileAccessRequest,
  type FileAccessStore,
} from '../file-access';
import { sealedFields } from './at-rest';
import { claimAttempt } from './claims';
import { FileAccessOpenModel, FileAccessRequestModel } from './models/file-access';
import { RemindAgenda } from './remind-agenda';

/** The reminder agenda of the file-access register (`agenda rebuild` files it anew). */
export const fileAccessAgenda = new RemindAgenda<FileAccessRequest>('file access requests', 'file-access', FileAccessRequestModel as never, (row) =>
  FILE_ACCESS_SEALING.open(row),
);

type Row = Record<string, unknown>;

/** Sealed under the owning agency's key: what is asked for (材料), 事由, the related case, a refusal's reason, and the people's names. */
export const FILE_ACCESS_SEALING = sealedFields<FileAccessRequest>('file-access', 'owner', [
  'subject',
  'reason',
  'relatedCase',
  'requester.name',
  'grant.by.name',
  'refusal.reason',
  'refusal.by.name',
]);
const open = (row: Row | null) => row && FILE_ACCESS_SEALING.open(row);
const openAll = (rows: Row[]) => FILE_ACCESS_SEALING.openAll(rows);

export class MongoFileAccessStore implements FileAccessStore {
  async insert(request: FileAccessRequest): Promise<void> {
    await fileAccessAgenda.file(request);
    await FileAccessRequestModel.create(FILE_ACCESS_SEALING.seal(request));
  }

  async find(number: string): Promise<FileAccessRequest | null> {
    return open(await FileAccessRequestModel.findOne({ number }).lean<Row>());
  }

  async listFor(agency: string, limit: number): Promise<FileAccessRequest[]> {
    return openAll(
      await FileAccessRequestModel.find({ $or: [{ owner: agency }, { 'requester.agency': agency }] })
        .sort({ status: -1, createdAt: -1 })
        .limit(limit)
        .lean<Row[]>(),
    );
  }

  async counts(agency?: string): Promise<Record<FileAccessRequest['status'], number>> {
    const scope = agency ? { $or: [{ owner: agency }, { 'requester.agency': agency }] } : {};
    const rows = await FileAccessRequestModel.aggregate<{ _id: FileAccessRequest['status']; n: number }>([
      { $match: scope },
      { $group: { _id: '$status', n: { $sum: 1 } } },
    ]);
    const counts = { pending: 0, approved: 0, refused: 0, expired: 0 };
    for (const row of rows) counts[row._id] = row.n;
    return counts;
  }

  async decide(number: string, decision: { grant: AccessGrant } | { refusal: AccessRefusal }, now: Date): Promise<FileAccessRequest | null> {
    if (!(await claimAttempt(`file-access:${number}:decide`, now, DECIDE_LEASE_MS))) return null;
    const status = 'grant' in decision ? 'approved' : 'refused';
    const owner = (await FileAccessRequestModel.findOne({ number }, { owner: 1 }).lean())?.owner;
    if (!owner) return null;
    return fileAccessAgenda.settled(
      open(
        await FileAccessRequestModel.findOneAndUpdate(
          { number, status: 'pending' },
          { $set: { ...FILE_ACCESS_SEALING.sealSet(decision, owner), status, nextRemindAt: null, nextStepOffset: null } },
          { returnDocument: 'after' },
        ).lean<Row>(),
      ),
    );
  }

  async expire(now: Date): Promise<string[]> {
    const due = await FileAccessRequestModel.find({ status: 'approved', 'grant.until': { $lte: now } }, { number: 1 }).lean();
    const numbers = due.map((r) => r.number);
    if (numbers.length) await FileAccessRequestModel.updateMany({ number: { $in: numbers }, status: 'approved' }, { $set: { status: 'expired' } });
    return numbers;
  }

  dueForReminder(until: Date, limit: number): Promise<FileAccessRequest[]> {
    return fileAccessAgenda.due(until, limit);
  }

  advanceReminder(request: FileAccessRequest, next: { at: Date; offset: number }, escalatedAt: Date | undefined): Promise<boolean> {
    return fileAccessAgenda.advance(request, next, escalatedAt, { status: 'pending', nextStepOffset: request.nextStepOffset });
  }

  attachFiles(number: string, expected: number, files: FileAccessFile[], now: Date): Promise<FileAccessRequest | null> {
    return this.appendToGrant(number, 'files', expected, files, now);
  }

  addMaterials(number: string, expected: number, materials: string[], now: Date): Promise<FileAccessRequest | null> {
    return this.appendToGrant(number, 'materials', expected, materials, now);
  }

  /** Appends to an approved grant's list when it still holds `expected` items; one append per count wins. */
  private async appendToGrant<F extends 'files' | 'materials'>(
    number: string,
    list: F,
    expected: number,
    items: NonNullable<AccessGrant[F]>,
    now: Date,
  ): Promise<FileAccessRequest | null> {
    const request = await this.find(number);
    const already = request?.grant?.[list] ?? [];
    if (request?.status !== 'approved' || already.length !== expected) return null;
    // A concurrent append claims the same key and changes nothing (FerretDB: claims, not $inc).
    if (!(await claimAttempt(`file-access:${number}:${list}:${expected}`, now, DECIDE_LEASE_MS))) return null;
    return open(
      await FileAccessRequestModel.findOneAndUpdate(
        { number, status: 'approved' },
        { $set: { [`grant.${list}`]: [...already, ...items] } },
        { returnDocument: 'after' },
      ).lean<Row>(),
    );
  }

  async appendOpen(entry: FileAccessOpen): Promise<void> {
    await FileAccessOpenModel.create(entry);
  }

  opens(owner: string, requestNumber?: string): Promise<FileAccessOpen[]> {
    return FileAccessOpenModel.find({ owner, ...(requestNumber ? { requestNumber } : {}) })
      .sort({ at: 1, _id: 1 })
      .lean<FileAccessOpen[]>();
  }
}
