import mongoose, { Schema } from 'mongoose';
import type { EncryptedField } from '../../../kernel/field-cipher';
import { CLUE_ROUTES } from '../../../config/routing';
import { CLUE_STATUSES, type ClueTransfer, type ClueDoc, type ClueSupplement } from '../../clues';

const sealed = new Schema<EncryptedField>(
  {
    keyId: { type: String, required: true },
    iv: { type: String, required: true },
    tag: { type: String, required: true },
    data: { type: String, required: true },
  },
  { _id: false },
);
/** A sealed actor (or, on clues written before, the plain one): who handled a clue is personal data. */
const actor = Schema.Types.Mixed;

const clueSchema = new Schema<ClueDoc>(
  {
    number: { type: String, required: true },
    year: { type: Number, required: true },
    seq: { type: Number, required: true },
    draftId: { type: String, required: true },
    route: { type: String, enum: CLUE_ROUTES, required: true },
    category: { type: String, required: true },
    status: { type: String, enum: CLUE_STATUSES, required: true },
    anonymous: { type: Boolean, required: true },
    submitterTag: { type: String, required: true },
    reporter: { type: sealed, required: true },
    facts: { type: sealed, required: true },
    subject: sealed,
    timePlace: sealed,
    evidence: sealed,
    attachments: sealed,
    submittedAt: { type: Date, required: true },
    month: { type: String, required: true },
    acceptanceDue: { type: String, required: true },
    acceptanceRemindAt: { type: Date, required: true },
    acceptanceReminded: { type: Boolean, default: false },
    acceptedAt: Date,
    acceptedBy: actor,
    assignee: actor,
    handlingDue: String,
    alertAt: Date,
    alert: new Schema({ kind: String, stage: String }, { _id: false }),
    returned: new Schema({ at: Date, question: sealed }, { _id: false }),
    dispute: new Schema({ from: String, wanted: String, reason: sealed, by: actor, at: Date, due: String }, { _id: false }),
    concludedAt: Date,
    concludedBy: actor,
    result: sealed,
    transfers: {
      type: [new Schema<ClueTransfer>({ from: String, to: String, reason: sealed, by: actor, at: Date }, { _id: false })],
      default: [],
    },
    supplements: { type: [new Schema<ClueSupplement>({ at: Date, text: sealed, attachments: sealed }, { _id: false })], default: undefined },
    withdrawnAt: Date,
    withdrawReason: sealed,
    version: { type: Number, required: true, default: 0 },
    announced: Boolean,
    /** Set by the retention job when the texts were removed (config/retention.yaml). */
    purgedAt: Date,
  },
  { versionKey: false },
);
clueSchema.index({ number: 1 }, { unique: true });
clueSchema.index({ draftId: 1 }, { unique: true });
clueSchema.index({ submitterTag: 1, submittedAt: -1 });
clueSchema.index({ route: 1, status: 1, submittedAt: 1 });
clueSchema.index({ status: 1, acceptanceReminded: 1, acceptanceRemindAt: 1 });
clueSchema.index({ month: 1, route: 1 });
clueSchema.index({ alertAt: 1 });
clueSchema.index({ year: 1, seq: -1 });
clueSchema.index({ announced: 1, submittedAt: 1 });

export const ClueModel = mongoose.model<ClueDoc>('Clue', clueSchema, 'clues');
