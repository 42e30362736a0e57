import mongoose, { Schema } from 'mongoose';

/** The name is sealed at rest (src/store/mongo/at-rest.ts sealedFields): a Mixed value. */
const actor = { channel: String, userId: String, name: Schema.Types.Mixed, agency: String };

/** `officer` and `facts` hold sealed values (src/store/mongo/at-rest.ts); the store opens them. */
const schema = new Schema(
  {
    number: { type: String, required: true },
    unit: { type: String, required: true },
    officer: Schema.Types.Mixed,
    facts: { type: Schema.Types.Mixed, required: true },
    origin: { kind: String, number: String },
    status: { type: String, enum: ['investigating', 'decided', 'closed'], required: true },
    filedOn: { type: String, required: true },
    investigationDue: { type: String, required: true },
    extensions: [{ _id: false, previousDue: String, newDue: String, reason: Schema.Types.Mixed, by: actor, at: Date }],
    decision: { measures: [String], tier: String, note: Schema.Types.Mixed, decidedOn: String, by: actor },
    objectionDue: String,
    objection: { text: Schema.Types.Mixed, by: actor, at: Date },
    closedOn: String,
    closingNote: Schema.Types.Mixed,
    clueNumber: String,
    dueDate: { type: String, required: true },
    nextRemindAt: { type: Date, default: null },
    nextStepOffset: { type: Number, default: null },
    escalatedAt: Date,
    createdBy: actor,
    createdAt: { type: Date, required: true },
    version: { type: Number, required: true },
  },
  { minimize: true },
);
schema.index({ number: 1 }, { unique: true });
schema.index({ nextRemindAt: 1 });
schema.index({ status: 1, filedOn: 1 });
schema.index({ filedOn: 1 });

export const AccountabilityCaseModel = mongoose.model('AccountabilityCase', schema, 'accountability_cases');
