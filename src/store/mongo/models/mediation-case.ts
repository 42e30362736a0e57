import mongoose, { Schema } from 'mongoose';

/** The name is sealed at rest (src/store/mongo/at-rest.ts sealedFields): a Mixed value. */
const actor = { channel: String, userId: String, name: Schema.Types.Mixed, agency: String };

/** `subject` holds a sealed value (src/store/mongo/at-rest.ts); the store opens it. */
const schema = new Schema({
  number: { type: String, required: true },
  unit: { type: String, required: true },
  subject: { type: Schema.Types.Mixed, required: true },
  stage: { type: String, required: true },
  registeredOn: { type: String, required: true },
  dueDate: { type: String, required: true },
  status: { type: String, enum: ['open', 'closed'], required: true },
  outcome: String,
  closedOn: String,
  note: Schema.Types.Mixed,
  nextRemindAt: { type: Date, default: null },
  nextStepOffset: { type: Number, default: null },
  escalatedAt: Date,
  createdBy: actor,
  createdAt: { type: Date, required: true },
});
schema.index({ number: 1 }, { unique: true });
schema.index({ nextRemindAt: 1 });
schema.index({ status: 1, registeredOn: 1 });
schema.index({ registeredOn: 1 });

export const MediationCaseModel = mongoose.model('MediationCase', schema, 'mediation_cases');
