import mongoose, { Schema } from 'mongoose';
import type { CourtSupervisionCase } from '../../court-supervision';

/** The name is sealed at rest (src/store/mongo/at-rest.ts sealedFields): a Mixed value. */
const actor = { channel: String, userId: String, name: Schema.Types.Mixed, agency: String };

const schema = new Schema<CourtSupervisionCase>({
  number: { type: String, required: true },
  agency: { type: String, required: true },
  ruling: { type: Schema.Types.Mixed, required: true },
  applicant: { type: String, required: true },
  rulingDate: { type: String, required: true },
  courtCaseNumber: { type: Schema.Types.Mixed, required: true },
  startDate: { type: String, required: true },
  dueDate: { type: String, required: true },
  provisional: { type: Boolean, required: true },
  status: { type: String, enum: ['open', 'concluded'], required: true },
  conclusion: {
    type: new Schema(
      {
        finding: Schema.Types.Mixed,
        result: Schema.Types.Mixed,
        at: Date,
        by: actor,
        late: Boolean,
        notified: [new Schema({ agency: String, people: Number, at: Date }, { _id: false })],
      },
      { _id: false },
    ),
    default: undefined,
  },
  escalatedAt: Date,
  nextRemindAt: { type: Date, default: null },
  nextStepOffset: { type: Number, default: null },
  createdBy: actor,
  createdAt: { type: Date, required: true },
});
schema.index({ number: 1 }, { unique: true });
schema.index({ agency: 1, status: 1, createdAt: -1 });
schema.index({ nextRemindAt: 1 });

export const CourtSupervisionCaseModel = mongoose.model<CourtSupervisionCase>('CourtSupervisionCase', schema, 'court_supervision_cases');
