import mongoose, { Schema } from 'mongoose';

/** Multi-turn wizard state. Expiry is enforced in code: FerretDB has no TTL indexes. */
export interface SessionDoc {
  /** `<channel>:<userId>`: FerretDB 1.x finds a document without a scan only by exact _id. */
  _id: string;
  channel: string;
  userId: string;
  bot: string;
  step: string;
  data: Record<string, unknown>;
  expiresAt: Date;
}

const sessionSchema = new Schema<SessionDoc>(
  {
    _id: { type: String, required: true },
    channel: { type: String, required: true },
    userId: { type: String, required: true },
    bot: { type: String, required: true },
    step: { type: String, required: true },
    data: { type: Schema.Types.Mixed, default: {} },
    expiresAt: { type: Date, required: true },
  },
  { minimize: false },
);
sessionSchema.index({ channel: 1, userId: 1 }, { unique: true });

export const SessionModel = mongoose.model<SessionDoc>('Session', sessionSchema, 'sessions');
