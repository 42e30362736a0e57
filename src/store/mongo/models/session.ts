import mongoose, { Schema } from 'mongoose';
import type { SessionRecord } from '../../sessions';

/** `_id` is `<channel>:<userId>`: FerretDB 1.x finds a document without a scan only by exact _id. */
export type SessionDoc = SessionRecord & { _id: string; sealedFor?: string[] };

const sessionSchema = new Schema<SessionDoc>(
  {
    _id: { type: String, required: true },
    channel: { type: String, required: true },
    userId: { type: String, required: true },
    bot: { type: String, required: true },
    step: { type: String, required: true },
    data: { type: Schema.Types.Mixed, default: {} },
    expiresAt: { type: Date, required: true },
    /** The agencies its data is sealed for (a routed draft's); none: the county key. */
    sealedFor: { type: [String], default: undefined },
  },
  { minimize: false },
);
sessionSchema.index({ channel: 1, userId: 1 }, { unique: true });
sessionSchema.index({ expiresAt: 1 });

export const SessionModel = mongoose.model<SessionDoc>('Session', sessionSchema, 'sessions');
