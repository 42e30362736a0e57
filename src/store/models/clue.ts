import mongoose, { Schema } from 'mongoose';
import { CLUE_ROUTES, type ClueRoute } from '../../config/routing';
import type { EncryptedField } from '../../kernel/field-cipher';

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

const sealed = new Schema<EncryptedField>(
  {
    keyId: { type: String, required: true },
    iv: { type: String, required: true },
    tag: { type: String, required: true },
    data: { type: String, required: true },
  },
  { _id: false },
);
const actor = new Schema<ClueActor>({ channel: String, userId: String, name: String, agency: String }, { _id: false });

const clueSchema = new Schema<ClueDoc>(
  {
    number: { type: String, required: true },
    year: { type: Number, required: true },
    seq: { type: Number, required: true },
    draftId: { type: String, required: true },
    route: { type: String, enum: CLUE_ROUTES, required: true },
    category: { type: String, required: true },
    status: { type: String, enum: ['submitted', 'accepted', 'concluded'], required: true },
    anonymous: { type: Boolean, required: true },
    submitterTag: { type: String, required: true },
    reporter: { type: sealed, required: true },
    facts: { type: sealed, required: true },
    subject: sealed,
    timePlace: sealed,
    evidence: sealed,
    mediaIds: sealed,
    submittedAt: { type: Date, required: true },
    month: { type: String, required: true },
    acceptanceDue: { type: String, required: true },
    acceptanceRemindAt: { type: Date, required: true },
    acceptanceReminded: { type: Boolean, default: false },
    acceptedAt: Date,
    acceptedBy: actor,
    concludedAt: Date,
    concludedBy: actor,
    result: sealed,
    transfers: {
      type: [new Schema<ClueTransfer>({ from: String, to: String, reason: sealed, by: actor, at: Date }, { _id: false })],
      default: [],
    },
    version: { type: Number, required: true, default: 0 },
  },
  { versionKey: false },
);
clueSchema.index({ number: 1 }, { unique: true });
clueSchema.index({ draftId: 1 }, { unique: true });
clueSchema.index({ submitterTag: 1, submittedAt: -1 });
clueSchema.index({ route: 1, status: 1, submittedAt: 1 });
clueSchema.index({ status: 1, acceptanceReminded: 1, acceptanceRemindAt: 1 });
clueSchema.index({ month: 1, route: 1 });

export const ClueModel = mongoose.model<ClueDoc>('Clue', clueSchema, 'clues');
