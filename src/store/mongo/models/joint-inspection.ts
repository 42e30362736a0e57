import mongoose, { Schema } from 'mongoose';
import type { JointInspection } from '../../inspections';

const actor = { channel: String, userId: String, name: String, agency: String };

const schema = new Schema<JointInspection>({
  number: { type: String, required: true },
  ref: { type: String, required: true },
  date: { type: String, required: true },
  month: { type: String, required: true },
  units: { type: [String], required: true },
  filesSampled: { type: Number, required: true, min: 0 },
  note: { type: String, default: '' },
  source: { type: String, enum: ['chat', 'import'], required: true },
  createdBy: actor,
  createdAt: { type: Date, required: true },
});
schema.index({ number: 1 }, { unique: true });
schema.index({ ref: 1 }, { unique: true });
schema.index({ date: 1 });

export const JointInspectionModel = mongoose.model<JointInspection>('JointInspection', schema, 'joint_inspections');
