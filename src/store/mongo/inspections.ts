import { CLOSE_LEASE_MS, type InspectionStore, type ItemClosure, type JointInspection, type RectificationItem, type SelfInspection } from '../inspections';
import { claimAttempt } from './claims';
import { JointInspectionModel } from './models/joint-inspection';
import { RectificationItemModel } from './models/rectification-item';
import { SelfInspectionModel } from './models/self-inspection';
import { bucketOf } from '../rollup-facts';
import { rollups } from './rollups';

export class MongoInspectionStore implements InspectionStore {
  async insertInspection(inspection: JointInspection): Promise<void> {
    await rollups.around('inspection', { months: [bucketOf.inspection(inspection)] }, () => JointInspectionModel.create(inspection));
  }

  findInspection(number: string): Promise<JointInspection | null> {
    return JointInspectionModel.findOne({ number }).lean<JointInspection>();
  }

  recentInspections(skip: number, limit: number): Promise<JointInspection[]> {
    return JointInspectionModel.find().sort({ date: -1, number: -1 }).skip(skip).limit(limit).lean<JointInspection[]>();
  }

  inspectionsByRef(refs: readonly string[]): Promise<JointInspection[]> {
    return JointInspectionModel.find({ ref: { $in: refs } }).lean<JointInspection[]>();
  }

  inspectionsByRefOrNumber(keys: readonly string[]): Promise<JointInspection[]> {
    return JointInspectionModel.find({ $or: [{ ref: { $in: keys } }, { number: { $in: keys } }] }).lean<JointInspection[]>();
  }

  async insertItem(item: RectificationItem): Promise<void> {
    await rollups.around('item', { months: [bucketOf.item(item)] }, () => RectificationItemModel.create(item));
  }

  findItem(number: string): Promise<RectificationItem | null> {
    return RectificationItemModel.findOne({ number }).lean<RectificationItem>();
  }

  async itemRefsPresent(refs: readonly string[]): Promise<Set<string>> {
    return new Set((await RectificationItemModel.find({ ref: { $in: refs } }, { ref: 1 }).lean()).map((item) => item.ref));
  }

  itemsOf(inspectionNumber: string): Promise<RectificationItem[]> {
    return RectificationItemModel.find({ inspectionNumber }).sort({ number: 1 }).lean<RectificationItem[]>();
  }

  async problemCounts(inspectionNumbers: readonly string[]): Promise<Map<string, number>> {
    const rows = await RectificationItemModel.aggregate<{ _id: string; n: number }>([
      { $match: { inspectionNumber: { $in: inspectionNumbers } } },
      { $group: { _id: '$inspectionNumber', n: { $sum: 1 } } },
    ]);
    return new Map(rows.map((r) => [r._id, r.n]));
  }

  async closeItem(number: string, closure: ItemClosure, now: Date): Promise<RectificationItem | null> {
    if (!(await claimAttempt(`rectification:${number}:close`, now, CLOSE_LEASE_MS))) return null;
    return rollups.around(
      'item',
      { numbers: [number] },
      () =>
        RectificationItemModel.findOneAndUpdate(
          { number, status: 'open' },
          { $set: { ...closure, status: 'done', nextRemindAt: null, nextStepOffset: null } },
          { returnDocument: 'after' },
        ).lean<RectificationItem>(),
      (written) => ({ months: written ? [bucketOf.item(written)] : [] }),
    );
  }

  itemsDueForReminder(until: Date, limit: number): Promise<RectificationItem[]> {
    return RectificationItemModel.find({ nextRemindAt: { $lte: until } })
      .sort({ nextRemindAt: 1 })
      .limit(limit)
      .lean<RectificationItem[]>();
  }

  async advanceItemReminder(item: RectificationItem, next: { at: Date; offset: number }, escalatedAt: Date | undefined): Promise<boolean> {
    const result = await RectificationItemModel.updateOne(
      { number: item.number, status: 'open', nextStepOffset: item.nextStepOffset },
      { $set: { nextRemindAt: next.at, nextStepOffset: next.offset, ...(escalatedAt ? { escalatedAt } : {}) } },
    );
    return result.modifiedCount > 0;
  }

  async saveSelfInspection(report: SelfInspection): Promise<void> {
    await rollups.around('selfInspection', { months: [bucketOf.selfInspection(report)] }, () =>
      SelfInspectionModel.updateOne({ unit: report.unit, month: report.month }, { $set: report }, { upsert: true }),
    );
  }
}
