import { MEDIATION_CLOSE_LEASE_MS, type MediationCase, type MediationStore } from '../mediation';
import { openJson, sealJson } from './at-rest';
import { claimAttempt } from './claims';
import { MediationCaseModel } from './models/mediation-case';
import { RemindAgenda } from './remind-agenda';

type Row = Record<string, unknown>;

function open(row: Row | null): MediationCase | null {
  if (!row) return null;
  const { _id, __v, ...rest } = row;
  return { ...(rest as unknown as MediationCase), subject: openJson<string>(rest.subject, 'mediation-subject') };
}

const openAll = (rows: Row[]) => rows.map((row) => open(row)!);

/** The reminder agenda of the mediation register (`agenda rebuild` files it anew). */
export const mediationAgenda = new RemindAgenda<MediationCase>('mediation', 'mediation', MediationCaseModel as never, (row) => open(row)!);

/** The cases, the subject sealed at rest. */
export class MongoMediationStore implements MediationStore {
  async insert(record: MediationCase): Promise<void> {
    await mediationAgenda.file(record);
    await MediationCaseModel.create({ ...record, subject: sealJson(record.subject, 'mediation-subject') });
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
    return mediationAgenda.settled(
      open(
        await MediationCaseModel.findOneAndUpdate(
          { number, status: 'open' },
          { $set: { ...closure, status: 'closed', nextRemindAt: null, nextStepOffset: null } },
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
