import type { ClaimStore } from '../../../src/store/claims';
import {
  CONCLUDE_LEASE_MS,
  type CourtSupervisionCase,
  type CourtSupervisionStore,
  type Notified,
  type SupervisionConclusion,
} from '../../../src/store/court-supervision';
import { byKeys, copies, copy, DuplicateKeyError } from './records';

/** 非诉执行监督 cases in an array, unique by number. For unit tests only. */
export class MemoryCourtSupervisionStore implements CourtSupervisionStore {
  readonly cases: CourtSupervisionCase[] = [];

  constructor(private readonly claims: ClaimStore) {}

  async insert(record: CourtSupervisionCase): Promise<void> {
    if (this.cases.some((c) => c.number === record.number)) throw new DuplicateKeyError('court_supervision_cases', record.number);
    this.cases.push(structuredClone(record));
  }

  async find(number: string): Promise<CourtSupervisionCase | null> {
    return copy(this.cases.find((c) => c.number === number));
  }

  async listFor(agency: string, limit: number): Promise<CourtSupervisionCase[]> {
    return copies(
      this.cases
        .filter((c) => c.agency === agency)
        .sort(byKeys<CourtSupervisionCase>('-status', '-createdAt'))
        .slice(0, limit),
    );
  }

  async conclude(number: string, conclusion: SupervisionConclusion, now: Date): Promise<CourtSupervisionCase | null> {
    if (!(await this.claims.claimAttempt(`court-supervision:${number}:conclude`, now, CONCLUDE_LEASE_MS))) return null;
    const record = this.cases.find((c) => c.number === number && c.status === 'open');
    if (!record) return null;
    Object.assign(record, { conclusion: structuredClone(conclusion), status: 'concluded', nextRemindAt: null, nextStepOffset: null });
    return copy(record);
  }

  async recordNotified(number: string, notified: Notified[]): Promise<void> {
    const record = this.cases.find((c) => c.number === number);
    if (record?.conclusion) record.conclusion.notified = structuredClone(notified);
  }

  async dueForReminder(until: Date, limit: number): Promise<CourtSupervisionCase[]> {
    return copies(
      this.cases
        .filter((c) => c.nextRemindAt && c.nextRemindAt <= until)
        .sort(byKeys<CourtSupervisionCase>('nextRemindAt'))
        .slice(0, limit),
    );
  }

  async advanceReminder(record: CourtSupervisionCase, next: { at: Date; offset: number }, escalatedAt: Date | undefined): Promise<boolean> {
    const stored = this.cases.find((c) => c.number === record.number && c.status === 'open' && c.nextStepOffset === record.nextStepOffset);
    if (!stored) return false;
    Object.assign(stored, { nextRemindAt: next.at, nextStepOffset: next.offset }, escalatedAt ? { escalatedAt } : {});
    return true;
  }
}
