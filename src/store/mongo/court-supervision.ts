import { CONCLUDE_LEASE_MS, type CourtSupervisionCase, type CourtSupervisionStore, type Notified, type SupervisionConclusion } from '../court-supervision';
import { sealedFields } from './at-rest';
import { claimAttempt } from './claims';
import { CourtSupervisionCaseModel } from './models/court-supervision-case';
import { RemindAgenda } from './remind-agenda';

/** The reminder agenda of the court-supervision register (`agenda rebuild` files it anew). */
export const courtSupervisionAgenda = new RemindAgenda<CourtSupervisionCase>(
  'court supervision',
  'court-supervision',
  CourtSupervisionCaseModel as never,
  (row) => COURT_SUPERVISION_SEALING.open(row),
);

type Row = Record<string, unknown>;

/** Sealed under the reviewing procuratorate's key (`agency`): the ruling, the court's 案号, 审查结论, 监督结果 and who wrote them. */
export const COURT_SUPERVISION_SEALING = sealedFields<CourtSupervisionCase>('court-supervision', 'agency', [
  'ruling',
  'courtCaseNumber',
  'conclusion.finding',
  'conclusion.result',
  'conclusion.by.name',
  'createdBy.name',
]);
const open = (row: Row | null) => row && COURT_SUPERVISION_SEALING.open(row);
const openAll = (rows: Row[]) => COURT_SUPERVISION_SEALING.openAll(rows);

export class MongoCourtSupervisionStore implements CourtSupervisionStore {
  async insert(record: CourtSupervisionCase): Promise<void> {
    await courtSupervisionAgenda.file(record);
    await CourtSupervisionCaseModel.create(COURT_SUPERVISION_SEALING.seal(record));
  }

  async find(number: string): Promise<CourtSupervisionCase | null> {
    return open(await CourtSupervisionCaseModel.findOne({ number }).lean<Row>());
  }

  async listFor(agency: string, limit: number): Promise<CourtSupervisionCase[]> {
    return openAll(await CourtSupervisionCaseModel.find({ agency }).sort({ status: -1, createdAt: -1 }).limit(limit).lean<Row[]>());
  }

  async conclude(number: string, conclusion: SupervisionConclusion, now: Date): Promise<CourtSupervisionCase | null> {
    if (!(await claimAttempt(`court-supervision:${number}:conclude`, now, CONCLUDE_LEASE_MS))) return null;
    const owner = (await CourtSupervisionCaseModel.findOne({ number }, { agency: 1 }).lean())?.agency;
    if (!owner) return null;
    return courtSupervisionAgenda.settled(
      open(
        await CourtSupervisionCaseModel.findOneAndUpdate(
          { number, status: 'open' },
          { $set: { ...COURT_SUPERVISION_SEALING.sealSet({ conclusion }, owner), status: 'concluded', nextRemindAt: null, nextStepOffset: null } },
          { returnDocument: 'after' },
        ).lean<Row>(),
      ),
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
