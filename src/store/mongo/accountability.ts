import { type AccountabilityCase, type AccountabilityStore, CASE_CHANGE_LEASE_MS } from '../accountability';
import { sealedFields } from './at-rest';
import { claimAttempt } from './claims';
import { AccountabilityCaseModel } from './models/accountability-case';
import { RemindAgenda } from './remind-agenda';

/**
 * Sealed under the key of the agency that filed the case: the officer's name, the facts, every reason, decision
 * note, objection and closing note, and the names of who wrote them.
 */
export const ACCOUNTABILITY_SEALING = sealedFields<AccountabilityCase>(
  'accountability',
  'createdBy.agency',
  [
    'officer',
    'facts',
    'extensions.reason',
    'extensions.by.name',
    'decision.note',
    'decision.by.name',
    'objection.text',
    'objection.by.name',
    'closingNote',
    'createdBy.name',
  ],
  { officer: 'accountability-officer', facts: 'accountability-facts' },
);

function open(stored: Record<string, unknown> | null): AccountabilityCase | null {
  return stored && ACCOUNTABILITY_SEALING.open(stored);
}

function openAll(rows: Record<string, unknown>[]): AccountabilityCase[] {
  return ACCOUNTABILITY_SEALING.openAll(rows);
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
    await AccountabilityCaseModel.create(ACCOUNTABILITY_SEALING.seal(record));
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
    const owner = (await AccountabilityCaseModel.findOne({ number }, { 'createdBy.agency': 1 }).lean<{ createdBy?: { agency?: string } }>())?.createdBy?.agency;
    if (!owner) return null;
    await accountabilityAgenda.file({ number, nextRemindAt: set.nextRemindAt });
    return accountabilityAgenda.settled(
      open(
        await AccountabilityCaseModel.findOneAndUpdate(
          { number, version },
          { $set: { ...ACCOUNTABILITY_SEALING.sealSet(set as Record<string, unknown>, owner), version: version + 1 } },
          { returnDocument: 'after' },
        ).lean<Record<string, unknown>>(),
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
