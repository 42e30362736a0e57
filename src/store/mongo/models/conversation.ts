import mongoose, { Schema } from 'mongoose';
import type { EncryptedField } from '../../../kernel/field-cipher';
import type { InboxEntry } from '../../inbox';

/** An inbox entry as stored: text and replies sealed at rest (./at-rest.ts). */
export type ConversationDoc = Omit<InboxEntry, 'id' | 'text' | 'replies' | 'mediaId'> & {
  direction: 'in';
  text: EncryptedField;
  /** The platform's media id of an image, file or voice message, sealed: it fetches the file for days. */
  mediaId?: EncryptedField;
  /** OutgoingMessage[], sealed like the text. */
  replies: EncryptedField | [];
  /** 'refused-clue': the retention job deletes this exchange early (config/retention.yaml). */
  retention?: 'refused-clue';
};

const conversationSchema = new Schema<ConversationDoc>({
  channel: { type: String, required: true },
  platformMessageId: { type: String, required: true },
  userId: { type: String, required: true },
  direction: { type: String, default: 'in' },
  kind: { type: String, required: true },
  text: { type: Schema.Types.Mixed, required: true },
  mediaId: Schema.Types.Mixed,
  receivedAt: { type: Date, required: true },
  status: { type: String, required: true },
  leaseUntil: Date,
  resumes: Number,
  replies: { type: Schema.Types.Mixed, default: [] },
  repliedAt: Date,
  replyHandle: Schema.Types.Mixed,
  group: String,
  retention: String,
  sealedFor: { type: [String], default: undefined },
});
// A message id is unique per sender only (messageKey in src/kernel/messages.ts); ensureIndexes drops the older
// index on (channel, platformMessageId), which would refuse another sender's message with the same id.
conversationSchema.index({ channel: 1, platformMessageId: 1, userId: 1 }, { unique: true });
export const RETIRED_CONVERSATION_INDEXES = ['channel_1_platformMessageId_1'];
conversationSchema.index({ channel: 1, userId: 1, receivedAt: 1 });
conversationSchema.index({ status: 1, receivedAt: 1 });
conversationSchema.index({ retention: 1, receivedAt: 1 }, { sparse: true });

export const ConversationModel = mongoose.model<ConversationDoc>('Conversation', conversationSchema, 'conversations');
