import type { ClaimStore } from '../../../src/store/claims';
import {
  DECIDE_LEASE_MS,
  type AccessGrant,
  type AccessRefusal,
  type FileAccessFile,
  type FileAccessOpen,
  type FileAccessRequest,
  type FileAccessStore,
} from '../../../src/store/file-access';
import { byKeys, copies, copy, DuplicateKeyError } from './records';

/** 调阅/复制 requests and their access log in arrays. For unit tests only. */
export class MemoryFileAccessStore implements FileAccessStore {
  readonly requests: FileAccessRequest[] = [];
  readonly log: FileAccessOpen[] = [];

  constructor(private readonly claims: ClaimStore) {}

  async insert(request: FileAccessRequest): Promise<void> {
    if (this.requests.some((r) => r.number === request.number)) throw new DuplicateKeyError('file_access_requests', request.number);
    this.requests.push(structuredClone(request));
  }

  async find(number: string): Promise<FileAccessRequest | null> {
    return copy(this.requests.find((r) => r.number === number));
  }

  async listFor(agency: string, limit: number): Promise<FileAccessRequest[]> {
    const mine = this.requests.filter((r) => r.owner === agency || r.requester.agency === agency);
    return copies(mine.sort(byKeys<FileAccessRequest>('-status', '-createdAt')).slice(0, limit));
  }

  async counts(agency?: string): Promise<Record<FileAccessRequest['status'], number>> {
    const counts = { pending: 0, approved: 0, refused: 0, expired: 0 };
    for (const r of this.requests) if (!agency || r.owner === agency || r.requester.agency === agency) counts[r.status]++;
    return counts;
  }

  async decide(number: string, decision: { grant: AccessGrant } | { refusal: AccessRefusal }, now: Date): Promise<FileAccessRequest | null> {
    if (!(await this.claims.claimAttempt(`file-access:${number}:decide`, now, DECIDE_LEASE_MS))) return null;
    const request = this.requests.find((r) => r.number === number && r.status === 'pending');
    if (!request) return null;
    Object.assign(request, structuredClone(decision), { status: 'grant' in decision ? 'approved' : 'refused', nextRemindAt: null, nextStepOffset: null });
    return copy(request);
  }

  async expire(now: Date): Promise<string[]> {
    const due = this.requests.filter((r) => r.status === 'approved' && r.grant && r.grant.until <= now);
    for (const request of due) request.status = 'expired';
    return due.map((r) => r.number);
  }

  async dueForReminder(until: Date, limit: number): Promise<FileAccessRequest[]> {
    return copies(
      this.requests
        .filter((r) => r.nextRemindAt && r.nextRemindAt <= until)
        .sort(byKeys<FileAccessRequest>('nextRemindAt'))
        .slice(0, limit),
    );
  }

  async advanceReminder(request: FileAccessRequest, next: { at: Date; offset: number }, escalatedAt: Date | undefined): Promise<boolean> {
    const stored = this.requests.find((r) => r.number === request.number && r.status === 'pending' && r.nextStepOffset === request.nextStepOffset);
    if (!stored) return false;
    Object.assign(stored, { nextRemindAt: next.at, nextStepOffset: next.offset }, escalatedAt ? { escalatedAt } : {});
    return true;
  }

  async attachFiles(number: string, expected: number, files: FileAccessFile[], now: Date): Promise<FileAccessRequest | null> {
    const request = this.requests.find((r) => r.number === number && r.status === 'approved');
    if (!request?.grant || (request.grant.files ?? []).length !== expected) return null;
    if (!(await this.claims.claimAttempt(`file-access:${number}:files:${expected}`, now, DECIDE_LEASE_MS))) return null;
    request.grant.files = [...(request.grant.files ?? []), ...structuredClone(files)];
    return copy(request);
  }

  async addMaterials(number: string, expected: number, materials: string[], now: Date): Promise<FileAccessRequest | null> {
    const request = this.requests.find((r) => r.number === number && r.status === 'approved');
    if (!request?.grant || request.grant.materials.length !== expected) return null;
    if (!(await this.claims.claimAttempt(`file-access:${number}:materials:${expected}`, now, DECIDE_LEASE_MS))) return null;
    request.grant.materials = [...request.grant.materials, ...materials];
    return copy(request);
  }

  async appendOpen(entry: FileAccessOpen): Promise<void> {
    this.log.push(structuredClone(entry));
  }

  async opens(owner: string, requestNumber?: string): Promise<FileAccessOpen[]> {
    return copies(this.log.filter((e) => e.owner === owner && (!requestNumber || e.requestNumber === requestNumber)));
  }
}
