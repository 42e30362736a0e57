import type { ClaimStore } from '../../../src/store/claims';
import { MEDIATION_CLOSE_LEASE_MS, type MediationCase, type MediationStore } from '../../../src/store/mediation';
import { byKeys, copies, copy, DuplicateKeyError } from './records';

/** 行政争议调解 cases in an array, unique by number. For unit tests only. */
export class MemoryMediationStore implements MediationStore {
  readonly cases: MediationCase[] = [];

  constructor(private readonly claims: ClaimStore) {}

  async insert(record: MediationCase): Promise<void> {
    if (this.cases.some((c) => c.number === record.number)) throw new DuplicateKeyError('mediation_cases', record.number);
    this.cases.push(structuredClone(record));
  }

  async find(number: string): Promise<MediationCase | null> {
    return copy(this.cases.find((c) => c.number === number));
  }

  async open(limit: number): Promise<MediationCase[]> {
    return copies(this.cases.filter((c) => c.status === 'open'))
      .sort(byKeys('registeredOn', 'number'))
      .slice(0, limit);
  }

  async registeredBetween(from: string, to: string): Promise<MediationCase[]> {
    return copies(this.cases.filter((c) => c.registeredOn >= from && c.registeredOn <= to)).sort(byKeys('number'));
  }

  async close(number: string, closure: Required<Pick<MediationCase, 'outcome' | 'closedOn' | 'note'>>, now: Date): Promise<MediationCase | null> {
    if (!(await this.claims.claimAttempt(`mediation:${number}:close`, now, MEDIATION_CLOSE_LEASE_MS))) return null;
    const stored = this.cases.find((c) => c.number === number && c.status === 'open');
    if (!stored) return null;
    Object.assign(stored, structuredClone(closure), { status: 'closed', nextRemindAt: null, nextStepOffset: null });
    return copy(stored);
  }

  async dueForReminder(until: Date, limit: number): Promise<MediationCase[]> {
    return copies(this.cases.filter((c) => c.nextRemindAt !== null && c.nextRemindAt <= until))
      .sort(byKeys('nextRemindAt'))
      .slice(0, limit);
  }

  async advanceReminder(record: MediationCase, next: { at: Date; offset: number }, escalatedAt: Date | undefined): Promise<boolean> {
    const stored = this.cases.find((c) => c.number === record.number && c.status === 'open' && c.nextStepOffset === record.nextStepOffset);
    if (!stored) return false;
    Object.assign(stored, { nextRemindAt: next.at, nextStepOffset: next.offset }, escalatedAt ? { escalatedAt } : {});
    return true;
  }
}
