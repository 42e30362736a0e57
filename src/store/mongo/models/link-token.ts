import mongoose, { Schema } from 'mongoose';
import { LINK_PURPOSES, type LinkTokenRecord } from '../../link-tokens';

const schema = new Schema<LinkTokenRecord>(
  {
    hash: { type: String, required: true },
    purpose: { type: String, enum: LINK_PURPOSES, required: true },
    item: { type: String, required: true },
    holder: { channel: { type: String, required: true }, userId: { type: String, required: true } },
    expiresAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
schema.index({ hash: 1 }, { unique: true });
schema.index({ purpose: 1, item: 1 });
schema.index({ expiresAt: 1 });

export const LinkTokenModel = mongoose.model<LinkTokenRecord>('LinkToken', schema, 'link_tokens');
