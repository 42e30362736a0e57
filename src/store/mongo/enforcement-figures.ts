import type { EnforcementFigures, EnforcementFiguresStore } from '../enforcement-figures';
import { isDuplicateKey } from './claims';
import { BulletinReminderRunModel, EnforcementFiguresModel } from './models/enforcement-figures';

export class MongoEnforcementFiguresStore implements EnforcementFiguresStore {
  async save(report: EnforcementFigures): Promise<void> {
    await EnforcementFiguresModel.updateOne({ unit: report.unit, month: report.month }, { $set: report }, { upsert: true });
  }

  forMonths(months: readonly string[]): Promise<EnforcementFigures[]> {
    return EnforcementFiguresModel.find({ month: { $in: months } })
      .sort({ unit: 1, month: 1 })
      .lean<EnforcementFigures[]>();
  }

  async remindedFor(month: string): Promise<boolean> {
    return (await BulletinReminderRunModel.countDocuments({ _id: month })) > 0;
  }

  async markReminded(month: string, at: Date): Promise<void> {
    try {
      await BulletinReminderRunModel.create({ _id: month, at });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
}
