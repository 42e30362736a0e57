import mongoose, { Schema } from 'mongoose';
import type { OutboxRow } from '../../outbox';

const outboxSchema = new Schema<OutboxRow>({
  _id: { type: String, required: true },
  key: { type: String, required: true },
  channel: { type: String, required: true },
  userId: { type: String, required: true },
  message: { type: Schema.Types.Mixed, required: true },
  replyHandle: Schema.Types.Mixed,
  late: { type: Boolean, default: false },
  live: { type: new Schema({ kind: String, ref: String }, { _id: false }), default: undefined },
  status: { type: String, required: true, default: 'pending' },
  attempts: { type: Number, default: 0 },
  nextAttemptAt: { type: Date, required: true },
  createdAt: { type: Date, required: true },
  order: { type: Schema.Types.ObjectId, required: true },
  sentAt: Date,
  lastError: String,
  /** The agencies its message is sealed for (a push about a clue); none: the county key. */
  sealedFor: { type: [String], default: undefined },
});
outboxSchema.index({ key: 1 }, { unique: true });
outboxSchema.index({ status: 1, nextAttemptAt: 1, order: 1 });
outboxSchema.index({ channel: 1, userId: 1, createdAt: 1, order: 1 });

export const OutboxModel = mongoose.model<OutboxRow>('Outbox', outboxSchema, 'outbox');
