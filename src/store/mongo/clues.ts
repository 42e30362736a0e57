import { addClueOnce, changeClueOnce, type ClueChange, type ClueDoc, type ClueRecords, type ClueSearchQuery, type ClueStore } from '../clues';
import type { ClueRoute } from '../../config/routing';
import { claimAttempt, isDuplicateKey } from './claims';
import { ClueModel } from './models/clue';

const records: ClueRecords = {
  claims: { claimAttempt },
  find: (number) => ClueModel.findOne({ number }).lean<ClueDoc>(),
  findByDraft: (draftId) => ClueModel.findOne({ draftId }).lean<ClueDoc>(),
  lastSeq: async (year) => (await ClueModel.findOne({ year }, { seq: 1 }).sort({ seq: -1 }).lean())?.seq ?? 0,
  insert: async (clue) => {
    try {
      await ClueModel.create(clue);
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  },
  update: (number, change, version) =>
    ClueModel.findOneAndUpdate({ number, version }, updateOf(change, version + 1), { returnDocument: 'after' }).lean<ClueDoc>(),
};

function updateOf({ set, unset, transfer, supplement }: ClueChange, version: number) {
  return {
    $set: { ...set, version },
    ...(unset && { $unset: Object.fromEntries(unset.map((field) => [field, 1])) }),
    ...((transfer || supplement) && { $push: { ...(transfer && { transfers: transfer }), ...(supplement && { supplements: supplement }) } }),
  };
}

export class MongoClueStore implements ClueStore {
  find(number: string): Promise<ClueDoc | null> {
    return records.find(number);
  }

  addOnce(draftId: string, year: number, now: Date, build: (seq: number) => ClueDoc) {
    return addClueOnce(records, draftId, year, now, build);
  }

  change(number: string, version: number, change: ClueChange, now: Date) {
    return changeClueOnce(records, number, version, change, now);
  }

  bySubmitter(submitterTags: readonly string[], skip: number, limit: number): Promise<ClueDoc[]> {
    return ClueModel.find({ submitterTag: { $in: submitterTags } })
      .sort({ submittedAt: -1, number: -1 })
      .skip(skip)
      .limit(limit)
      .lean<ClueDoc[]>();
  }

  search({ routes, notRoutes, submitterTags, statuses, from, before }: ClueSearchQuery, limit: number): Promise<ClueDoc[]> {
    const scope = routes ? { route: { $in: [...routes] } } : notRoutes?.length ? { route: { $nin: [...notRoutes] } } : {};
    const mine = { submitterTag: { $in: [...submitterTags] } };
    const conditions: object[] = [routes?.length === 0 ? mine : { $or: [scope, mine] }];
    if (statuses) conditions.push({ status: { $in: [...statuses] } });
    if (from || before) conditions.push({ submittedAt: { ...(from && { $gte: from }), ...(before && { $lt: before }) } });
    return ClueModel.find({ $and: conditions }).sort({ submittedAt: -1, number: -1 }).limit(limit).lean<ClueDoc[]>();
  }

  open(route: ClueRoute, skip: number, limit: number): Promise<ClueDoc[]> {
    return ClueModel.find({ route, status: { $in: ['submitted', 'accepted'] } })
      .sort({ submittedAt: 1, number: 1 })
      .skip(skip)
      .limit(limit)
      .lean<ClueDoc[]>();
  }

  dueForAcceptanceReminder(at: Date): Promise<ClueDoc[]> {
    return ClueModel.find({ status: 'submitted', acceptanceReminded: false, acceptanceRemindAt: { $lte: at } })
      .sort({ acceptanceRemindAt: 1 })
      .lean<ClueDoc[]>();
  }

  async markAcceptanceReminded({ number, route, acceptanceRemindAt }: Pick<ClueDoc, 'number' | 'route' | 'acceptanceRemindAt'>): Promise<void> {
    await ClueModel.updateOne({ number, acceptanceRemindAt, route }, { $set: { acceptanceReminded: true } });
  }

  all(skip: number, limit: number): Promise<ClueDoc[]> {
    return ClueModel.find({}).sort({ number: 1 }).skip(skip).limit(limit).lean<ClueDoc[]>();
  }

  async replaceSealed(number: string, version: number, fields: Partial<ClueDoc>): Promise<boolean> {
    return (await ClueModel.updateOne({ number, version }, { $set: fields })).matchedCount === 1;
  }

  dueAlerts(at: Date): Promise<ClueDoc[]> {
    return ClueModel.find({ alertAt: { $lte: at } })
      .sort({ alertAt: 1 })
      .lean<ClueDoc[]>();
  }

  async markAlerted(number: string, alertAt: Date, next: Pick<ClueDoc, 'alertAt' | 'alert'> | null): Promise<void> {
    await ClueModel.updateOne({ number, alertAt }, next ? { $set: next } : { $unset: { alertAt: 1, alert: 1 } });
  }

  disputed(limit: number): Promise<ClueDoc[]> {
    return ClueModel.find({ 'dispute.at': { $exists: true } })
      .sort({ submittedAt: 1 })
      .limit(limit)
      .lean<ClueDoc[]>();
  }

  async markAnnounced(number: string): Promise<void> {
    await ClueModel.updateOne({ number }, { $set: { announced: true } });
  }

  unannounced(before: Date): Promise<ClueDoc[]> {
    return ClueModel.find({ announced: false, submittedAt: { $lte: before } })
      .sort({ submittedAt: 1 })
      .lean<ClueDoc[]>();
  }
}
