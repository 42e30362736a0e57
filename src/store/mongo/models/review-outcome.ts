import mongoose, { Schema } from 'mongoose';
import type { ReviewOutcome } from '../../review-outcomes';

/** The name is sealed at rest (src/store/mongo/at-rest.ts sealedFields): a Mixed value. */
const actor = { channel: String, userId: String, name: Schema.Types.Mixed, agency: String };

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
