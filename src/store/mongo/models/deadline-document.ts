import mongoose, { Schema } from 'mongoose';
import type { DeadlineDocument } from '../../documents';

/** Names and the text of a reply or correction are sealed at rest (DOCUMENT_SEALING in ../documents.ts): Mixed values. */
const actor = { channel: String, userId: String, name: Schema.Types.Mixed, agency: String };
const outcome = { at: Date, date: String, by: actor, text: Schema.Types.Mixed, late: Boolean };

const schema = new Schema<DeadlineDocument>({
  number: { type: String, required: true },
  kind: { type: String, required: true },
  reference: { type: String, required: true },
  issuer: { type: String, required: true },
  recipient: { type: String, required: true },
  urgent: { type: Boolean, default: false },
  startDate: { type: String, required: true },
  period: { unit: String, amount: Number },
  customDue: { type: Boolean, default: false },
  dueDate: { type: String, required: true },
  provisional: { type: Boolean, default: false },
  status: { type: String, enum: ['open', 'closed'], required: true },
  reply: outcome,
  correction: outcome,
  escalatedAt: Date,
  receipt: { at: Date, by: actor },
  signBy: Date,
  receiptEscalatedAt: Date,
  ladder: { due: String, level: String, nextAt: Date, urge: { number: String, on: String } },
  nextRemindAt: { type: Date, default: null },
  nextStepOffset: { type: Number, default: null },
  transferStep: String,
  meetingNumber: String,
  createdBy: actor,
  createdAt: { type: Date, required: true },
  version: Number,
});
schema.index({ number: 1 }, { unique: true });
schema.index({ nextRemindAt: 1 });
schema.index({ status: 1, dueDate: 1 });
schema.index({ status: 1, provisional: 1 });
schema.index({ recipient: 1, status: 1 });
schema.index({ issuer: 1, status: 1 });
schema.index({ status: 1, signBy: 1 });
schema.index({ status: 1, 'ladder.nextAt': 1 });
schema.index({ kind: 1, reference: 1 });

export const DeadlineDocumentModel = mongoose.model<DeadlineDocument>('DeadlineDocument', schema, 'deadline_documents');
