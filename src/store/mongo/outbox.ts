import { Types } from 'mongoose';
import type { ChannelName, OutgoingMessage } from '../../kernel/messages';
import { openJson, sealJson } from './at-rest';
import { claim, readClaim } from './claims';
import { OutboxModel } from './models/outbox';
import type { OutboxRow } from '../outbox';

export interface OutboxItem {
  key: string;
  channel: ChannelName;
  userId: string;
  message: OutgoingMessage;
  replyHandle?: { webhook: string; expiresAt: number };
  late?: boolean;
}

const LEASE_MS = 60_000;
/** How many due rows one claim pass looks at (FerretDB scans the collection for each such query). */
const CLAIM_SCAN = 20;
const MAX_BACKOFF_MS = 30 * 60_000;

/**
 * Writes rows; a key already there is left as it is (the idempotency rule). The key
 * is the row's _id, so this is a plain insert checked by the _id index: cheap on
 * FerretDB, where an upsert by another field scans the collection. Returns how many were new.
 */
export async function enqueue(items: OutboxItem[], now: Date): Promise<number> {
  if (items.length === 0) return 0;
  const unique = [...new Map(items.map((item) => [item.key, item])).values()];
  const docs = unique.map((item) => ({
    _id: item.key,
    ...item,
    message: sealJson(item.message, messageContext(item.key)),
    late: item.late ?? false,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
    // Keeps the order in which rows were written (the _id is the key, not a time).
    order: new Types.ObjectId(),
  }));
  try {
    const result = await OutboxModel.collection.insertMany(docs as never[], { ordered: false });
    return result.insertedCount;
  } catch (err) {
    // Keys written before (or by a concurrent writer) come back as duplicate-key errors: "already there".
    const e = err as { writeErrors?: { code?: number }[] | { code?: number }; code?: number; result?: { insertedCount?: number } };
    const writeErrors = Array.isArray(e.writeErrors) ? e.writeErrors : e.writeErrors ? [e.writeErrors] : e.code ? [e] : [];
    if (writeErrors.length > 0 && writeErrors.every((w) => w.code === 11000)) return e.result?.insertedCount ?? docs.length - writeErrors.length;
    throw err;
  }
}

/**
 * Takes the due rows of one scan, so two senders (or processes) never deliver
 * the same attempt. Attempt n of a row belongs to whoever inserts the claim
 * `outbox:<key>#<n>`; a claim older than the lease (its sender died) lets the
 * row move on to attempt n+1.
 */
export async function claimDue(now: Date): Promise<OutboxRow[]> {
  const due = await OutboxModel.find({ status: 'pending', nextAttemptAt: { $lte: now } })
    .sort({ nextAttemptAt: 1, order: 1 })
    .limit(CLAIM_SCAN)
    .lean<OutboxRow[]>();
  const claimed: OutboxRow[] = [];
  for (const row of due) {
    const attempt = row.attempts + 1;
    const taken = await claim(`outbox:${row.key}#${attempt}`, 'sending', now);
    if (taken.won) {
      claimed.push(opened({ ...row, attempts: attempt }));
      continue;
    }
    const holder = await readClaim(`outbox:${row.key}#${attempt}`);
    if (holder && holder.at.getTime() + LEASE_MS <= now.getTime()) {
      await OutboxModel.updateOne({ _id: row._id, attempts: row.attempts, status: 'pending' }, { $set: { attempts: attempt } });
    }
  }
  return claimed;
}

export async function markSent(row: OutboxRow, now: Date): Promise<void> {
  await OutboxModel.updateOne({ _id: row._id }, { $set: { status: 'sent', sentAt: now }, $unset: { lastError: 1 } });
}

/** Keeps the row for another try, later each time; a permanent failure stops retrying. */
export async function markFailed(row: OutboxRow, error: string, retryable: boolean, now: Date): Promise<void> {
  const backoff = Math.min(MAX_BACKOFF_MS, 2_000 * 2 ** Math.max(0, row.attempts - 1));
  await OutboxModel.updateOne(
    { _id: row._id },
    {
      $set: {
        status: retryable ? 'pending' : 'failed',
        attempts: row.attempts,
        lastError: error,
        nextAttemptAt: new Date(now.getTime() + backoff),
      },
    },
  );
}

export async function listForUser(channel: ChannelName, userId: string, limit = 200): Promise<OutboxRow[]> {
  const rows = await OutboxModel.find({ channel, userId, status: { $ne: 'failed' } })
    .sort({ createdAt: 1, order: 1 })
    .limit(limit)
    .lean<OutboxRow[]>();
  return rows.map(opened);
}

/** Messages are sealed at rest: a push may carry what a clue's submitter wrote. */
function messageContext(key: string): string {
  return `outbox.message:${key}`;
}

function opened(row: OutboxRow): OutboxRow {
  return { ...row, message: openJson(row.message, messageContext(row.key)) };
}
