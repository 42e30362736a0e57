import type { EncryptedField } from '../kernel/field-cipher';

export const CLUE_AUDIT_ACTIONS = [
  'view',
  'submit',
  'accept',
  'assign',
  'conclude',
  'transfer',
  'return',
  'dispute',
  'decide',
  'supplement',
  'withdraw',
  /** 查询 opened the clue's texts to match a keyword. */
  'search',
] as const;
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

/** The clue audit log: lines are appended and read, never changed or removed. */
export interface ClueAuditStore {
  append(entry: ClueAuditEntry): Promise<void>;
  /** The lines of one clue, oldest first (in write order within one instant). */
  entries(clueNumber: string): Promise<ClueAuditEntry[]>;
}
