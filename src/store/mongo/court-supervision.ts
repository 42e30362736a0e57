import { CONCLUDE_LEASE_MS, type CourtSupervisionCase, type CourtSupervisionStore, type Notified, type SupervisionConclusion } from '../court-supervision';
import { claimAttempt } from './claims';
import { CourtSupervisionCaseModel } from './models/court-supervision-case';
import { RemindAgenda } from './remind-agenda';

/** The reminder agenda of the court-supervision register (`agenda rebuild` files it anew). */
export const courtSupervisionAgenda = new RemindAgenda<CourtSupervisionCase>('court supervision', 'court-supervision', CourtSupervisionCaseModel as never);

export class MongoCourtSupervisionStore implements CourtSupervisionStore {
  async insert(record: CourtSupervisionCase): Promise<void> {
    await courtSupervisionAgenda.file(record);
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
    return courtSupervisionAgenda.settled(
      await CourtSupervisionCaseModel.findOneAndUpdate(
        { number, status: 'open' },
        { $set: { conclusion, status: 'concluded', nextRemindAt: null, nextStepOffset: null } },
        { returnDocument: 'after' },
      ).lean<CourtSupervisionCase>(),
    );
  }

  async recordNotified(number: string, notified: Notified[]): Promise<void> {
    await CourtSupervisionCaseModel.updateOne({ number }, { $set: { 'conclusion.notified': notified } });
  }

  dueForReminder(until: Date, limit: number): Promise<CourtSupervisionCase[]> {
    return courtSupervisionAgenda.due(until, limit);
  }

  advanceReminder(record: CourtSupervisionCase, next: { at: Date; offset: number }, escalatedAt: Date | undefined): Promise<boolean> {
    return courtSupervisionAgenda.advance(record, next, escalatedAt, { status: 'open', nextStepOffset: record.nextStepOffset });
  }
}
