import mongoose, { Schema } from 'mongoose';
import type { RectificationItem } from '../../inspections';

const actor = { channel: String, userId: String, name: String, agency: String };

const schema = new Schema<RectificationItem>({
  number: { type: String, required: true },
  ref: { type: String, required: true },
  inspectionNumber: { type: String, required: true },
  inspectionDate: { type: String, required: true },
  issuer: { type: String, required: true },
  owner: { type: String, required: true },
  text: { type: String, required: true },
  dueDate: { type: String, required: true },
  dueMonth: { type: String, required: true },
  status: { type: String, enum: ['open', 'done'], required: true },
  doneDate: String,
  doneMonth: String,
  doneLate: Boolean,
  doneNote: String,
  doneBy: actor,
  escalatedAt: Date,
  nextRemindAt: { type: Date, default: null },
  nextStepOffset: { type: Number, default: null },
  createdBy: actor,
  createdAt: { type: Date, required: true },
});
schema.index({ number: 1 }, { unique: true });
schema.index({ ref: 1 }, { unique: true });
schema.index({ inspectionNumber: 1 });
schema.index({ nextRemindAt: 1 });
schema.index({ status: 1, dueDate: 1 });
schema.index({ status: 1, doneDate: 1 });
schema.index({ inspectionDate: 1 });

export const RectificationItemModel = mongoose.model<RectificationItem>('RectificationItem', schema, 'rectification_items');
