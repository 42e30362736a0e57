import { addClueOnce, changeClueOnce, type ClueChange, type ClueChangeAction, type ClueDoc, type ClueRecords, type ClueStore } from '../clues';
import type { ClueRoute } from '../../config/routing';
import { claim, claimAttempt } from './claims';
import { ClueModel } from './models/clue';

const records: ClueRecords = {
  claims: { claim, claimAttempt },
  find: (number) => ClueModel.findOne({ number }).lean<ClueDoc>(),
  findByDraft: (draftId) => ClueModel.findOne({ draftId }).lean<ClueDoc>(),
  insert: async (clue) => {
    await ClueModel.create(clue);
  },
  update: (number, change, version) => ClueModel.findOneAndUpdate({ number }, updateOf(change, version), { returnDocument: 'after' }).lean<ClueDoc>(),
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

  addOnce(draftId: string, now: Date, build: () => Promise<ClueDoc>) {
    return addClueOnce(records, draftId, now, build);
  }

  change(number: string, version: number, action: ClueChangeAction, change: ClueChange, now: Date) {
    return changeClueOnce(records, number, version, action, change, now);
  }

  bySubmitter(submitterTags: readonly string[], limit: number): Promise<ClueDoc[]> {
    return ClueModel.find({ submitterTag: { $in: submitterTags } })
      .sort({ submittedAt: -1 })
      .limit(limit)
      .lean<ClueDoc[]>();
  }

  open(route: ClueRoute, limit: number): Promise<ClueDoc[]> {
    return ClueModel.find({ route, status: { $in: ['submitted', 'accepted'] } })
      .sort({ submittedAt: 1 })
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
}
