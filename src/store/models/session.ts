import mongoose, { Schema } from 'mongoose';

/** Multi-turn wizard state. Expiry is enforced in code: FerretDB has no TTL indexes. */
export interface SessionDoc {
  channel: string;
  userId: string;
  bot: string;
  step: string;
  data: Record<string, unknown>;
  expiresAt: Date;
}

const sessionSchema = new Schema<SessionDoc>(
  {
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
