import mongoose, { Schema, type Types } from 'mongoose';
import { CHANNELS, type ChannelName, type OutgoingMessage } from '../../kernel/messages';

/**
 * A message the bot sends on its own or late. The key is the idempotency key
 * (e.g. `remind:<docId>:<offset>:<channel>:<userId>`): a unique index turns a
 * second write of the same logical message into a no-op.
 */
export interface OutboxRow {
  /** The idempotency key, also kept as `key` for queries. */
  _id?: string;
  key: string;
  channel: ChannelName;
  /** A roster userId, or `group:<name>` for a channel's group push. */
  userId: string;
  message: OutgoingMessage;
  replyHandle?: { webhook: string; expiresAt: number };
  /** Marked when it goes out after its intended time (e.g. after downtime). */
  late: boolean;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: Date;
  createdAt: Date;
  /** Write order among rows of the same instant. */
  order: Types.ObjectId;
  sentAt?: Date;
  lastError?: string;
}

const outboxSchema = new Schema<OutboxRow>({
  _id: { type: String, required: true },
  key: { type: String, required: true },
  channel: { type: String, enum: CHANNELS, required: true },
  userId: { type: String, required: true },
  message: { type: Schema.Types.Mixed, required: true },
  replyHandle: Schema.Types.Mixed,
  late: { type: Boolean, default: false },
  status: { type: String, required: true, default: 'pending' },
  attempts: { type: Number, default: 0 },
  nextAttemptAt: { type: Date, required: true },
  createdAt: { type: Date, required: true },
  order: { type: Schema.Types.ObjectId, required: true },
  sentAt: Date,
  lastError: String,
});
outboxSchema.index({ key: 1 }, { unique: true });
outboxSchema.index({ status: 1, nextAttemptAt: 1, order: 1 });
outboxSchema.index({ channel: 1, userId: 1, createdAt: 1, order: 1 });

export const OutboxModel = mongoose.model<OutboxRow>('Outbox', outboxSchema, 'outbox');
