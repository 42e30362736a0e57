import { MEDIATION_CLOSE_LEASE_MS, type MediationCase, type MediationStore } from '../mediation';
import { sealedFields } from './at-rest';
import { claimAttempt } from './claims';
import { MediationCaseModel } from './models/mediation-case';
import { RemindAgenda } from './remind-agenda';

type Row = Record<string, unknown>;

/** Sealed under the key of the agency that registered the case: the subject (the parties' dispute), the closing note, the names. */
export const MEDIATION_SEALING = sealedFields<MediationCase>('mediation', 'createdBy.agency', ['subject', 'note', 'createdBy.name'], {
  subject: 'mediation-subject',
});
const open = (row: Row | null) => row && MEDIATION_SEALING.open(row);
const openAll = (rows: Row[]) => MEDIATION_SEALING.openAll(rows);

/** The reminder agenda of the mediation register (`agenda rebuild` files it anew). */
export const mediationAgenda = new RemindAgenda<MediationCase>('mediation', 'mediation', MediationCaseModel as never, (row) => open(row)!);

/** The cases, the subject sealed at rest. */
export class MongoMediationStore implements MediationStore {
  async insert(record: MediationCase): Promise<void> {
    await mediationAgenda.file(record);
    await MediationCaseModel.create(MEDIATION_SEALING.seal(record));
  }

  async find(number: string): Promise<MediationCase | null> {
    return open(await MediationCaseModel.findOne({ number }).lean<Row>());
  }

  async open(limit: number): Promise<MediationCase[]> {
    return openAll(await MediationCaseModel.find({ status: 'open' }).sort({ registeredOn: 1, number: 1 }).limit(limit).lean<Row[]>());
  }

  async registeredBetween(from: string, to: string): Promise<MediationCase[]> {
    return openAll(
      await MediationCaseModel.find({ registeredOn: { $gte: from, $lte: to } })
        .sort({ number: 1 })
        .lean<Row[]>(),
    );
  }

  async close(number: string, closure: Required<Pick<MediationCase, 'outcome' | 'closedOn' | 'note'>>, now: Date): Promise<MediationCase | null> {
    if (!(await claimAttempt(`mediation:${number}:close`, now, MEDIATION_CLOSE_LEASE_MS))) return null;
    const owner = (await MediationCaseModel.findOne({ number }, { 'createdBy.agency': 1 }).lean<{ createdBy?: { agency?: string } }>())?.createdBy?.agency;
    if (!owner) return null;
    return mediationAgenda.settled(
      open(
        await MediationCaseModel.findOneAndUpdate(
          { number, status: 'open' },
          { $set: { ...MEDIATION_SEALING.sealSet(closure, owner), status: 'closed', nextRemindAt: null, nextStepOffset: null } },
          { returnDocument: 'after' },
        ).lean<Row>(),
      ),
    );
  }

  dueForReminder(until: Date, limit: number): Promise<MediationCase[]> {
    return mediationAgenda.due(until, limit);
  }

  advanceReminder(record: MediationCase, next: { at: Date; offset: number }, escalatedAt: Date | undefined): Promise<boolean> {
    return mediationAgenda.advance(record, next, escalatedAt, { status: 'open', nextStepOffset: record.nextStepOffset });
  }
}
