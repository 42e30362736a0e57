import mongoose, { Schema } from 'mongoose';
import type { EncryptedField } from '../../../kernel/field-cipher';
import { CLUE_AUDIT_ACTIONS, type ClueAuditEntry } from '../../clue-audit';

const auditSchema = new Schema<ClueAuditEntry>(
  {
    clueNumber: { type: String, required: true },
    action: { type: String, enum: CLUE_AUDIT_ACTIONS, required: true },
    channel: { type: String, required: true },
    at: { type: Date, required: true },
    actor: {
      type: new Schema<EncryptedField>({ keyId: String, iv: String, tag: String, data: String }, { _id: false }),
      required: true,
    },
  },
  { versionKey: false },
);
auditSchema.index({ clueNumber: 1, at: 1 });

function appendOnly(): never {
  throw new Error('the clue audit log is append-only');
}
for (const operation of [
  'updateOne',
  'updateMany',
  'findOneAndUpdate',
  'replaceOne',
  'findOneAndReplace',
  'deleteOne',
  'deleteMany',
  'findOneAndDelete',
] as const) {
  auditSchema.pre(operation, appendOnly);
}
// A document's own deleteOne/updateOne, and bulkWrite (which bypasses query middleware), are refused too.
auditSchema.pre(['deleteOne', 'updateOne'], { document: true, query: false }, appendOnly);
auditSchema.pre('bulkWrite', appendOnly);
auditSchema.pre('save', function () {
  if (!this.isNew) appendOnly();
});

export const ClueAuditModel = mongoose.model<ClueAuditEntry>('ClueAudit', auditSchema, 'clue_audit');
