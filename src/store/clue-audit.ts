import type { EncryptedField } from '../kernel/field-cipher';

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
