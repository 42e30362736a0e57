import mongoose, { Schema } from 'mongoose';
import type { ReviewOutcome } from '../../review-outcomes';

const actor = { channel: String, userId: String, name: String, agency: String };

const schema = new Schema<ReviewOutcome>({
  ref: { type: String, required: true },
  kind: { type: String, required: true },
  caseNumber: { type: String, required: true },
  unit: { type: String, required: true },
  actType: { type: String, required: true },
  outcome: { type: String, required: true },
  adverse: { type: Boolean, required: true },
  reason: { type: String, default: '' },
  decidedOn: { type: String, required: true },
  source: { type: String, required: true },
  createdBy: actor,
  createdAt: { type: Date, required: true },
});
schema.index({ ref: 1 }, { unique: true });
schema.index({ decidedOn: 1, unit: 1 });

export const ReviewOutcomeModel = mongoose.model<ReviewOutcome>('ReviewOutcome', schema, 'review_outcomes');
