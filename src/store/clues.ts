import type { ClueRoute } from '../config/routing';
import type { EncryptedField } from '../kernel/field-cipher';

export const CLUE_STATUSES = ['submitted', 'accepted', 'concluded'] as const;
export type ClueStatus = (typeof CLUE_STATUSES)[number];

/** Who did something to a clue: a member of the receiving agency, named in the clue's history. */
export interface ClueActor {
  channel: string;
  userId: string;
  name: string;
  agency: string;
}

export interface ClueTransfer {
  from: ClueRoute;
  to: ClueRoute;
  reason: EncryptedField;
  by: ClueActor;
  at: Date;
}

/**
 * A clue. Everything that could identify the reporter or tell what happened is
 * sealed (AES-256-GCM, key id alongside); the rest is what routing, lists,
 * counts and reminders need.
 */
export interface ClueDoc {
  number: string;
  year: number;
  seq: number;
  /** The wizard's draft id: confirming the same draft twice stores one clue. */
  draftId: string;
  route: ClueRoute;
  category: string;
  status: ClueStatus;
  anonymous: boolean;
  /** Blind index of the submitter's (channel, userId): finds 我的线索 without storing who. */
  submitterTag: string;
  reporter: EncryptedField;
  facts: EncryptedField;
  subject?: EncryptedField;
  timePlace?: EncryptedField;
  evidence?: EncryptedField;
  mediaIds?: EncryptedField;
  submittedAt: Date;
  /** Period key (YYYY-MM, Asia/Shanghai) for counts grouped by month. */
  month: string;
  /** Last local day of the acceptance period. */
  acceptanceDue: string;
  /** When a clue still not accepted reminds the receiving agency's organizers (the day after acceptanceDue). */
  acceptanceRemindAt: Date;
  acceptanceReminded: boolean;
  acceptedAt?: Date;
  acceptedBy?: ClueActor;
  concludedAt?: Date;
  concludedBy?: ClueActor;
  result?: EncryptedField;
  transfers: ClueTransfer[];
  /** Counts changes; each change from version n is decided once (claim `clue:<number>:v<n>`). */
  version: number;
}
