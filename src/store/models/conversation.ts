import mongoose, { Schema } from 'mongoose';
import type { EncryptedField } from '../../kernel/field-cipher';
import { CHANNELS, type ChannelName, type InboundKind } from '../../kernel/messages';

/**
 * The conversation log and the inbox in one document per inbound message:
 * unique on (channel, platformMessageId), so a platform retry cannot create a
 * second one; the bot's direct replies are kept on the same document.
 */
export interface ConversationEntry {
  channel: ChannelName;
  platformMessageId: string;
  userId: string;
  direction: 'in';
  kind: InboundKind;
  /** Sealed at rest (src/store/at-rest.ts): it may hold clue facts. */
  text: EncryptedField;
  mediaId?: string;
  receivedAt: Date;
  status: 'processing' | 'done';
  /** While processing: after this instant the process handling it is presumed dead and another may finish it. */
  leaseUntil?: Date;
  /** How many times a recovery has resumed it after an interruption. */
  resumes?: number;
  /** The bot's direct replies (OutgoingMessage[]), sealed like the text. */
  replies: EncryptedField | [];
  repliedAt?: Date;
  replyHandle?: { webhook: string; expiresAt: number };
}

const conversationSchema = new Schema<ConversationEntry>({
  channel: { type: String, enum: CHANNELS, required: true },
  platformMessageId: { type: String, required: true },
  userId: { type: String, required: true },
  direction: { type: String, default: 'in' },
  kind: { type: String, required: true },
  text: { type: Schema.Types.Mixed, required: true },
  mediaId: String,
  receivedAt: { type: Date, required: true },
  status: { type: String, required: true },
  leaseUntil: Date,
  resumes: Number,
  replies: { type: Schema.Types.Mixed, default: [] },
  repliedAt: Date,
  replyHandle: Schema.Types.Mixed,
});
conversationSchema.index({ channel: 1, platformMessageId: 1 }, { unique: true });
conversationSchema.index({ channel: 1, userId: 1, receivedAt: 1 });
conversationSchema.index({ status: 1, receivedAt: 1 });

export const ConversationModel = mongoose.model<ConversationEntry>('Conversation', conversationSchema, 'conversations');
