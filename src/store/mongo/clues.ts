import { addClueOnce, changeClueOnce, type ClueChange, type ClueDoc, type ClueRecords, type ClueSearchQuery, type ClueStore } from '../clues';
import type { ClueRoute } from '../../config/routing';
import { Agenda, type AgendaTimes } from './agenda';
import { claimAttempt, isDuplicateKey } from './claims';
import { ClueModel } from './models/clue';
import { NumberTurns } from '../number-turns';
import { bucketOf } from '../rollup-facts';
import { rollups } from './rollups';

type ClueList = 'acceptance' | 'alert';

/** When a clue is due for each scheduled job: the reminder that it awaits 受理, and its next casework alert. */
export function clueAgendaTimes(clue: Pick<ClueDoc, 'status' | 'acceptanceReminded' | 'acceptanceRemindAt' | 'alertAt'>): AgendaTimes<ClueList> {
  const times: AgendaTimes<ClueList> = {};
  if (clue.status === 'submitted' && !clue.acceptanceReminded && clue.acceptanceRemindAt) times.acceptance = clue.acceptanceRemindAt;
  if (clue.alertAt) times.alert = clue.alertAt;
  return times;
}

/** The agenda of the clues (src/store/mongo/agenda.ts): a tick reads the clues due today, not every clue; `agenda rebuild` files it anew. */
export const clueAgenda = new Agenda<ClueDoc, ClueList>({
  name: 'clue',
  lists: ['acceptance', 'alert'],
  times: clueAgendaTimes,
  numberOf: (clue) => clue.number,
  read: (number) => ClueModel.findOne({ number }).lean<ClueDoc>(),
  all: () =>
    ClueModel.find({ $or: [{ status: 'submitted', acceptanceReminded: false }, { alertAt: { $exists: true } }] })
      .lean<ClueDoc[]>()
      .cursor(),
});

/**
 * Before a change is written: files the instants it sets (the change alone does not say whether they will be due,
 * e.g. a 受理 in the same change; an entry that turns out not to match is dropped after the write or when read).
 */
function fileInstantsOf(number: string, set: Partial<ClueDoc>): Promise<void> {
  const times = { acceptanceRemindAt: set.acceptanceRemindAt, alertAt: set.alertAt };
  return clueAgenda.file({ ...times, number, status: 'submitted', acceptanceReminded: false } as ClueDoc);
}

async function pruned(clue: ClueDoc | null): Promise<ClueDoc | null> {
  if (clue) await clueAgenda.prune(clue);
  return clue;
}

const records: ClueRecords = {
  claims: { claimAttempt },
  find: (number) => ClueModel.findOne({ number }).lean<ClueDoc>(),
  findByDraft: (draftId) => ClueModel.findOne({ draftId }).lean<ClueDoc>(),
  lastSeq: async (year) => (await ClueModel.findOne({ year }, { seq: 1 }).sort({ seq: -1 }).lean())?.seq ?? 0,
  hasSeq: async (year, seq) => (await ClueModel.exists({ year, seq })) !== null,
  turns: new NumberTurns(),
  insert: async (clue) => {
    await clueAgenda.file(clue);
    try {
      await ClueModel.create(clue);
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  },
  update: async (number, change, version) => {
    await fileInstantsOf(number, change.set ?? {});
    return pruned(
      await rollups.around(
        'clue',
        { numbers: [number] },
        () => ClueModel.findOneAndUpdate({ number, version }, updateOf(change, version + 1), { returnDocument: 'after' }).lean<ClueDoc>(),
        (written) => ({ months: written ? [bucketOf.clue(written)] : [] }),
      ),
    );
  },
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

  /** The rollup of the clue's month (whatever its number) is marked before the clue's turn at a number and recomputed after it, outside the turn. */
  addOnce(draftId: string, year: number, now: Date, build: (seq: number) => ClueDoc) {
    return rollups.around('clue', { months: [bucketOf.clue(build(1))] }, () => addClueOnce(records, draftId, year, now, build));
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
    return clueAgenda.due('acceptance', at, Number.POSITIVE_INFINITY);
  }

  async markAcceptanceReminded({ number, route, acceptanceRemindAt }: Pick<ClueDoc, 'number' | 'route' | 'acceptanceRemindAt'>): Promise<void> {
    await pruned(
      await ClueModel.findOneAndUpdate(
        { number, acceptanceRemindAt, route },
        { $set: { acceptanceReminded: true } },
        { returnDocument: 'after' },
      ).lean<ClueDoc>(),
    );
  }

  all(skip: number, limit: number): Promise<ClueDoc[]> {
    return ClueModel.find({}).sort({ number: 1 }).skip(skip).limit(limit).lean<ClueDoc[]>();
  }

  async replaceSealed(number: string, version: number, fields: Partial<ClueDoc>): Promise<boolean> {
    return (await ClueModel.updateOne({ number, version }, { $set: fields })).matchedCount === 1;
  }

  dueAlerts(at: Date): Promise<ClueDoc[]> {
    return clueAgenda.due('alert', at, Number.POSITIVE_INFINITY);
  }

  async markAlerted(number: string, alertAt: Date, next: Pick<ClueDoc, 'alertAt' | 'alert'> | null): Promise<void> {
    if (next) await fileInstantsOf(number, next);
    await pruned(
      await ClueModel.findOneAndUpdate({ number, alertAt }, next ? { $set: next } : { $unset: { alertAt: 1, alert: 1 } }, {
        returnDocument: 'after',
      }).lean<ClueDoc>(),
    );
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
