import { CONCLUDE_LEASE_MS, type CourtSupervisionCase, type CourtSupervisionStore, type Notified, type SupervisionConclusion } from '../court-supervision';
import { claimAttempt } from './claims';
import { CourtSupervisionCaseModel } from './models/court-supervision-case';

export class MongoCourtSupervisionStore implements CourtSupervisionStore {
  async insert(record: CourtSupervisionCase): Promise<void> {
    await CourtSupervisionCaseModel.create(record);
  }

  find(number: string): Promise<CourtSupervisionCase | null> {
    return CourtSupervisionCaseModel.findOne({ number }).lean<CourtSupervisionCase>();
  }

  listFor(agency: string, limit: number): Promise<CourtSupervisionCase[]> {
    return CourtSupervisionCaseModel.find({ agency }).sort({ status: -1, createdAt: -1 }).limit(limit).lean<CourtSupervisionCase[]>();
  }

  async conclude(number: string, conclusion: SupervisionConclusion, now: Date): Promise<CourtSupervisionCase | null> {
    if (!(await claimAttempt(`court-supervision:${number}:conclude`, now, CONCLUDE_LEASE_MS))) return null;
    return CourtSupervisionCaseModel.findOneAndUpdate(
      { number, status: 'open' },
      { $set: { conclusion, status: 'concluded', nextRemindAt: null, nextStepOffset: null } },
      { returnDocument: 'after' },
    ).lean<CourtSupervisionCase>();
  }

  async recordNotified(number: string, notified: Notified[]): Promise<void> {
    await CourtSupervisionCaseModel.updateOne({ number }, { $set: { 'conclusion.notified': notified } });
  }

  dueForReminder(until: Date, limit: number): Promise<CourtSupervisionCase[]> {
    return CourtSupervisionCaseModel.find({ nextRemindAt: { $lte: until } })
      .sort({ nextRemindAt: 1 })
      .limit(limit)
      .lean<CourtSupervisionCase[]>();
  }

  async advanceReminder(record: CourtSupervisionCase, next: { at: Date; offset: number }, escalatedAt: Date | undefined): Promise<boolean> {
    const result = await CourtSupervisionCaseModel.updateOne(
      { number: record.number, status: 'open', nextStepOffset: record.nextStepOffset },
      { $set: { nextRemindAt: next.at, nextStepOffset: next.offset, ...(escalatedAt ? { escalatedAt } : {}) } },
    );
    return result.modifiedCount > 0;
  }
}
