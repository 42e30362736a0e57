import type { ChannelName, OutgoingMessage } from '../kernel/messages';

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
  order: unknown;
  sentAt?: Date;
  lastError?: string;
}
