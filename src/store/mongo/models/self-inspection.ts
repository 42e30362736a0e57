import mongoose, { Schema } from 'mongoose';
import type { SelfInspection } from '../../inspections';

const actor = { channel: String, userId: String, name: String, agency: String };

const schema = new Schema<SelfInspection>({
  unit: { type: String, required: true },
  month: { type: String, required: true },
  casesChecked: { type: Number, required: true, min: 0 },
  unexecuted: { type: Number, required: true, min: 0 },
  reportedBy: actor,
  reportedAt: { type: Date, required: true },
});
schema.index({ unit: 1, month: 1 }, { unique: true });
schema.index({ month: 1 });

export const SelfInspectionModel = mongoose.model<SelfInspection>('SelfInspection', schema, 'self_inspections');
