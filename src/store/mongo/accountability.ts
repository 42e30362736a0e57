import { type AccountabilityCase, type AccountabilityStore, CASE_CHANGE_LEASE_MS } from '../accountability';
import { openJson, sealJson } from './at-rest';
import { claimAttempt } from './claims';
import { AccountabilityCaseModel } from './models/accountability-case';
import { RemindAgenda } from './remind-agenda';

const SEALED = ['officer', 'facts'] as const;

function seal(fields: Partial<AccountabilityCase>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...fields };
  for (const field of SEALED) if (fields[field] !== undefined) out[field] = sealJson(fields[field], `accountability-${field}`);
  return out;
}

function open(stored: Record<string, unknown> | null): AccountabilityCase | null {
  if (!stored) return null;
  const { _id, __v, ...rest } = stored;
  const record = rest as unknown as AccountabilityCase;
  for (const field of SEALED) if (rest[field] !== undefined) record[field] = openJson<string>(rest[field], `accountability-${field}`);
  return record;
}

function openAll(rows: Record<string, unknown>[]): AccountabilityCase[] {
  return rows.map((row) => open(row)!);
}

/** The reminder agenda of the accountability register (`agenda rebuild` files it anew). */
export const accountabilityAgenda = new RemindAgenda<AccountabilityCase>(
  'accountability',
  'accountability',
  AccountabilityCaseModel as never,
  (row) => open(row)!,
);

/** The cases, with the officer's name and the facts sealed at rest. */
export class MongoAccountabilityStore implements AccountabilityStore {
  async insert(record: AccountabilityCase): Promise<void> {
    await accountabilityAgenda.file(record);
    await AccountabilityCaseModel.create(seal(record));
  }

  async find(number: string): Promise<AccountabilityCase | null> {
    return open(await AccountabilityCaseModel.findOne({ number }).lean<Record<string, unknown>>());
  }

  async open(limit: number): Promise<AccountabilityCase[]> {
    return openAll(
      await AccountabilityCaseModel.find({ status: { $ne: 'closed' } })
        .sort({ filedOn: 1, number: 1 })
        .limit(limit)
        .lean<Record<string, unknown>[]>(),
    );
  }

  async filedBetween(from: string, to: string): Promise<AccountabilityCase[]> {
    return openAll(
      await AccountabilityCaseModel.find({ filedOn: { $gte: from, $lte: to } })
        .sort({ number: 1 })
        .lean<Record<string, unknown>[]>(),
    );
  }

  async applyChange(number: string, version: number, set: Partial<AccountabilityCase>, now: Date): Promise<AccountabilityCase | null> {
    if (!(await claimAttempt(`accountability:${number}:v${version}`, now, CASE_CHANGE_LEASE_MS))) return null;
    await accountabilityAgenda.file({ number, nextRemindAt: set.nextRemindAt });
    return accountabilityAgenda.settled(
      open(
        await AccountabilityCaseModel.findOneAndUpdate({ number, version }, { $set: { ...seal(set), version: version + 1 } }, { returnDocument: 'after' }).lean<
          Record<string, unknown>
        >(),
      ),
    );
  }

  dueForReminder(until: Date, limit: number): Promise<AccountabilityCase[]> {
    return accountabilityAgenda.due(until, limit);
  }

  advanceReminder(record: AccountabilityCase, next: { at: Date; offset: number }, escalatedAt: Date | undefined): Promise<boolean> {
    return accountabilityAgenda.advance(record, next, escalatedAt, { version: record.version, nextStepOffset: record.nextStepOffset });
  }
}
