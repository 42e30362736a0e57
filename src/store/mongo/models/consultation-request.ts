import mongoose, { Schema } from 'mongoose';
import type { ConsultationRequest } from '../../consultations';

/** The name is sealed at rest (src/store/mongo/at-rest.ts sealedFields): a Mixed value. */
const actor = { channel: String, userId: String, name: Schema.Types.Mixed, agency: String };

const schema = new Schema<ConsultationRequest>({
  number: { type: String, required: true },
  from: { type: String, required: true },
  to: { type: String, required: true },
  category: { type: String, required: true },
  subject: { type: Schema.Types.Mixed, required: true },
  startDate: { type: String, required: true },
  month: { type: String, required: true },
  dueDate: { type: String, required: true },
  provisional: { type: Boolean, required: true },
  status: { type: String, enum: ['open', 'answered'], required: true },
  answer: { type: new Schema({ at: Date, by: actor, text: Schema.Types.Mixed, late: Boolean }, { _id: false }), default: undefined },
  meetingNumber: String,
  escalatedAt: Date,
  nextRemindAt: { type: Date, default: null },
  nextStepOffset: { type: Number, default: null },
  createdBy: actor,
  createdAt: { type: Date, required: true },
});
schema.index({ number: 1 }, { unique: true });
schema.index({ from: 1, status: 1 });
schema.index({ to: 1, status: 1 });
schema.index({ nextRemindAt: 1 });

export const ConsultationRequestModel = mongoose.model<ConsultationRequest>('ConsultationRequest', schema, 'consultation_requests');
