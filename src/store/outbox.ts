import type { ChannelName, OutgoingMessage, ReplyHandle } from '../kernel/messages';

export { OUTBOX_PAGE } from '../kernel/messages';

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
  replyHandle?: ReplyHandle;
  /** Marked when it goes out after its intended time (e.g. after downtime). */
  late: boolean;
  /** Written again from its item's state when it goes out (src/scheduler/live-messages.ts); absent: sent as written. */
  live?: LiveRef;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: Date;
  createdAt: Date;
  /** Write order among rows of the same instant. */
  order: unknown;
  sentAt?: Date;
  lastError?: string;
  /** The agencies whose keys seal its message (a push about a clue, src/kernel/content-owners.ts); absent: the county key. */
  sealedFor?: string[];
}

/** Which renderer writes a row's message again at delivery, and what it reads (e.g. a document number). */
export interface LiveRef {
  kind: string;
  ref: string;
}

/** A row to write: the rest (status, attempts, times, order) is set by the store. */
export interface OutboxItem {
  key: string;
  channel: ChannelName;
  userId: string;
  message: OutgoingMessage;
  replyHandle?: ReplyHandle;
  late?: boolean;
  live?: LiveRef;
}

/** A sender that died mid-delivery holds its attempt this long; then another sender takes the row. */
export const OUTBOX_LEASE_MS = 60_000;
const MAX_BACKOFF_MS = 30 * 60_000;

/** How long a failed row waits before its next attempt: doubling from 2 s, at most 30 min. */
export function retryBackoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 2_000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * The outbox: rows written once per key, delivered by any number of senders, each
 * attempt of a row taken by exactly one of them (the claim `outbox:<key>#<n>`).
 */
export interface OutboxStore {
  /**
   * Writes rows in order; a key already there is left as it is (the idempotency rule),
   * and a key given twice in one call is written once. Returns how many were new.
   */
  enqueue(items: readonly OutboxItem[], now: Date): Promise<number>;
  /**
   * A page of due rows, oldest first, not yet taken: one read of the pending rows (found by their
   * status, which an index serves), never of the rows already sent. Each must be taken (`take`) before
   * it is delivered, one at a time, so a slow delivery never holds the rows behind it past the lease.
   */
  due(now: Date): Promise<OutboxRow[]>;
  /**
   * Takes a due row for its next attempt (the claim `outbox:<key>#<n>`): the row with its attempt
   * counted to one caller only, until its holder fails to settle it within the lease; `held` when
   * another sender holds it; `unreadable` when no configured key opens it (then it is marked failed).
   */
  take(row: OutboxRow, now: Date): Promise<OutboxRow | 'held' | 'unreadable'>;
  markSent(row: OutboxRow, now: Date): Promise<void>;
  /** Keeps the row for another try, later each time; a permanent failure stops retrying. */
  markFailed(row: OutboxRow, error: string, retryable: boolean, now: Date): Promise<void>;
  /**
   * A page of the rows for one user of a channel that are not failed, newest first: `limit` rows
   * written before the cursor `before` (a page's `next`), or the newest when there is none; a row
   * no configured key opens is left out.
   */
  listForUser(channel: ChannelName, userId: string, page?: OutboxPageRequest): Promise<OutboxPage>;
}

export interface OutboxPageRequest {
  limit?: number;
  /** The `next` of the page before: rows written earlier than its last. */
  before?: string;
}

export interface OutboxPage {
  rows: OutboxRow[];
  /** The cursor of the next (older) page; absent on the last. */
  next?: string;
}

/** A row's place in write order as an opaque cursor: its instant and its order within the instant. */
export function outboxCursor(row: Pick<OutboxRow, 'createdAt' | 'order'>): string {
  return `${row.createdAt.getTime()}.${String(row.order)}`;
}

/** The instant and order of a cursor, or null when it is not one this store wrote. */
export function readOutboxCursor(cursor: string): { createdAt: Date; order: string } | null {
  const match = /^(\d{1,15})\.([0-9a-f]{1,24})$/.exec(cursor);
  return match ? { createdAt: new Date(Number(match[1])), order: match[2]! } : null;
}
