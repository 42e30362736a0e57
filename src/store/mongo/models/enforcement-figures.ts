import mongoose, { Schema } from 'mongoose';
import { FIGURE_KEYS, type EnforcementFigures } from '../../enforcement-figures';

const actor = { channel: String, userId: String, name: String, agency: String };

const schema = new Schema<EnforcementFigures>({
  unit: { type: String, required: true },
  month: { type: String, required: true },
  figures: new Schema(Object.fromEntries(FIGURE_KEYS.map((key) => [key, { type: Number, required: true }])), { _id: false }),
  reportedBy: actor,
  reportedAt: { type: Date, required: true },
});
schema.index({ unit: 1, month: 1 }, { unique: true });
schema.index({ month: 1 });

export const EnforcementFiguresModel = mongoose.model<EnforcementFigures>('EnforcementFigures', schema, 'enforcement_figures');

const runSchema = new Schema<{ _id: string; at: Date }>({ _id: { type: String, required: true }, at: { type: Date, required: true } }, { versionKey: false });

/** One row per month whose not-reported reminders went out. */
export const BulletinReminderRunModel = mongoose.model('BulletinReminderRun', runSchema, 'bulletin_reminder_runs');
