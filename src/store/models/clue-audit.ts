import mongoose, { Schema } from 'mongoose';
import type { EncryptedField } from '../../kernel/field-cipher';

export const CLUE_AUDIT_ACTIONS = ['view', 'submit', 'accept', 'conclude', 'transfer'] as const;
export type ClueAuditAction = (typeof CLUE_AUDIT_ACTIONS)[number];

/**
 * One line of the append-only clue audit log. The actor is sealed: a submitter
 * viewing their own clue would otherwise name the reporter in plain text.
 */
export interface ClueAuditEntry {
  clueNumber: string;
  action: ClueAuditAction;
  channel: string;
  at: Date;
  actor: EncryptedField;
}

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
auditSchema.pre('save', function () {
  if (!this.isNew) appendOnly();
});

export const ClueAuditModel = mongoose.model<ClueAuditEntry>('ClueAudit', auditSchema, 'clue_audit');
