import type { ClaimStore } from '../../../src/store/claims';
import { type AccountabilityCase, type AccountabilityStore, CASE_CHANGE_LEASE_MS } from '../../../src/store/accountability';
import { byKeys, copies, copy, DuplicateKeyError } from './records';

/** 过错责任追究 cases in an array, unique by number, changes decided once per version. For unit tests only. */
export class MemoryAccountabilityStore implements AccountabilityStore {
  readonly cases: AccountabilityCase[] = [];

  constructor(private readonly claims: ClaimStore) {}

  async insert(record: AccountabilityCase): Promise<void> {
    if (this.cases.some((c) => c.number === record.number)) throw new DuplicateKeyError('accountability_cases', record.number);
    this.cases.push(structuredClone(record));
  }

  async find(number: string): Promise<AccountabilityCase | null> {
    return copy(this.cases.find((c) => c.number === number));
  }

  async open(limit: number): Promise<AccountabilityCase[]> {
    return copies(this.cases.filter((c) => c.status !== 'closed'))
      .sort(byKeys('filedOn', 'number'))
      .slice(0, limit);
  }

  async filedBetween(from: string, to: string): Promise<AccountabilityCase[]> {
    return copies(this.cases.filter((c) => c.filedOn >= from && c.filedOn <= to)).sort(byKeys('number'));
  }

  async applyChange(number: string, version: number, set: Partial<AccountabilityCase>, now: Date): Promise<AccountabilityCase | null> {
    if (!(await this.claims.claimAttempt(`accountability:${number}:v${version}`, now, CASE_CHANGE_LEASE_MS))) return null;
    const stored = this.cases.find((c) => c.number === number && c.version === version);
    if (!stored) return null;
    Object.assign(stored, structuredClone(set), { version: version + 1 });
    return copy(stored);
  }

  async dueForReminder(until: Date, limit: number): Promise<AccountabilityCase[]> {
    return copies(this.cases.filter((c) => c.nextRemindAt !== null && c.nextRemindAt <= until))
      .sort(byKeys('nextRemindAt'))
      .slice(0, limit);
  }

  async advanceReminder(record: AccountabilityCase, next: { at: Date; offset: number }, escalatedAt: Date | undefined): Promise<boolean> {
    const stored = this.cases.find((c) => c.number === record.number && c.version === record.version && c.nextStepOffset === record.nextStepOffset);
    if (!stored) return false;
    Object.assign(stored, { nextRemindAt: next.at, nextStepOffset: next.offset }, escalatedAt ? { escalatedAt } : {});
    return true;
  }
}
