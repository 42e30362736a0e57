import mongoose, { Schema } from 'mongoose';
import { appendOnly } from './append-only';
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

appendOnly(auditSchema, 'the clue audit log');

export const ClueAuditModel = mongoose.model<ClueAuditEntry>('ClueAudit', auditSchema, 'clue_audit');
