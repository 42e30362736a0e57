import type { EncryptedField } from '../kernel/field-cipher';
import type { ChannelName, InboundKind } from '../kernel/messages';

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
