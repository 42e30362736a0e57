import { Types } from 'mongoose';
import { ClueDecryptError } from '../../kernel/field-cipher';
import type { ChannelName } from '../../kernel/messages';
import {
  OUTBOX_LEASE_MS,
  OUTBOX_PAGE,
  outboxCursor,
  readOutboxCursor,
  retryBackoffMs,
  type OutboxItem,
  type OutboxPage,
  type OutboxPageRequest,
  type OutboxRow,
  type OutboxStore,
} from '../outbox';
import { contentOwners } from '../../kernel/content-owners';
import { openJson, resealJson, sealJson } from './at-rest';
import { claim, readClaim } from './claims';
import { OutboxModel } from './models/outbox';

/**
 * How many due rows one read returns. Each read finds the pending rows by their status (the index
 * {status, nextAttemptAt, order}; on FerretDB/PostgreSQL a GIN index on `status`, scripts/ferretdb-pg-gin.sql),
 * so its cost follows what is pending, not the outbox's history; a large page keeps the reads per tick few
 * (FerretDB 1.x applies the sort and the limit after reading every pending row).
 */
const DUE_PAGE = 1_000;

/** Told about a row whose message no configured key opens (sealed under a key since dropped): its key only. */
export type UnreadableRow = (key: string) => void;

export class MongoOutboxStore implements OutboxStore {
  constructor(private readonly onUnreadable: UnreadableRow = () => {}) {}

  /**
   * The key is the row's _id, so this is a plain insert checked by the _id index: cheap on
   * FerretDB, where an upsert by another field scans the collection.
   */
  async enqueue(items: readonly OutboxItem[], now: Date): Promise<number> {
    if (items.length === 0) return 0;
    const unique = [...new Map(items.map((item) => [item.key, item])).values()];
    // A push written within an exchange about a clue is sealed under the receiving agency's key (src/kernel/content-owners.ts).
    const owners = contentOwners();
    const docs = unique.map((item) => ({
      _id: item.key,
      ...item,
      message: sealJson(item.message, messageContext(item.key), owners),
      ...(owners.length && { sealedFor: owners }),
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

  async due(now: Date): Promise<OutboxRow[]> {
    return OutboxModel.find({ status: 'pending', nextAttemptAt: { $lte: now } })
      .sort({ nextAttemptAt: 1, order: 1 })
      .limit(DUE_PAGE)
      .lean<OutboxRow[]>();
  }

  /**
   * Attempt n of a row belongs to whoever inserts the claim `outbox:<key>#<n>`; a claim older than the
   * lease (its sender died) lets the row move on to attempt n+1.
   * The claim and its lease run on the wall clock, never on `now`: a catch-up `scheduler tick --at` in the
   * past would otherwise write claims that look long expired to the server's sender, which would then send
   * the rows the tick is sending (a simulated time must decide what is due, never who holds a send).
   */
  async take(row: OutboxRow, now: Date): Promise<OutboxRow | 'held' | 'unreadable'> {
    const wall = new Date();
    const attempt = row.attempts + 1;
    const taken = await claim(`outbox:${row.key}#${attempt}`, 'sending', wall);
    if (taken.won) {
      const readable = this.opened({ ...row, attempts: attempt });
      // No retry can open it: given up, so it never blocks the rows behind it.
      if (readable) return readable;
      await this.markFailed({ ...row, attempts: attempt }, UNREADABLE, false, now);
      return 'unreadable';
    }
    const holder = await readClaim(`outbox:${row.key}#${attempt}`);
    if (holder && holder.at.getTime() + OUTBOX_LEASE_MS <= wall.getTime()) {
      await OutboxModel.updateOne({ _id: row._id, attempts: row.attempts, status: 'pending' }, { $set: { attempts: attempt } });
    }
    return 'held';
  }

  async markSent(row: OutboxRow, now: Date): Promise<void> {
    await OutboxModel.updateOne({ _id: row._id }, { $set: { status: 'sent', sentAt: now }, $unset: { lastError: 1 } });
  }

  async markFailed(row: OutboxRow, error: string, retryable: boolean, now: Date): Promise<void> {
    await OutboxModel.updateOne(
      { _id: row._id },
      {
        $set: {
          status: retryable ? 'pending' : 'failed',
          attempts: row.attempts,
          lastError: error,
          nextAttemptAt: new Date(now.getTime() + retryBackoffMs(row.attempts)),
        },
      },
    );
  }

  async listForUser(channel: ChannelName, userId: string, page: OutboxPageRequest = {}): Promise<OutboxPage> {
    const limit = Math.min(page.limit ?? OUTBOX_PAGE.size, OUTBOX_PAGE.max);
    const cursor = page.before === undefined ? undefined : readOutboxCursor(page.before);
    if (cursor === null) return { rows: [] };
    const earlier = cursor && {
      $or: [{ createdAt: { $lt: cursor.createdAt } }, { createdAt: cursor.createdAt, order: { $lt: new Types.ObjectId(cursor.order.padStart(24, '0')) } }],
    };
    const rows = await OutboxModel.find({ channel, userId, status: { $ne: 'failed' }, ...earlier })
      .sort({ createdAt: -1, order: -1 })
      .limit(limit + 1)
      .lean<OutboxRow[]>();
    const shown = rows.slice(0, limit);
    return { rows: shown.flatMap((row) => this.opened(row) ?? []), ...(rows.length > limit ? { next: outboxCursor(shown.at(-1)!) } : {}) };
  }

  /** The row with its message opened; undefined (and reported) when no configured key opens it. */
  private opened(row: OutboxRow): OutboxRow | undefined {
    try {
      return { ...row, message: openJson(row.message, messageContext(row.key)) };
    } catch (err) {
      if (!(err instanceof ClueDecryptError)) throw err;
      this.onUnreadable(row.key);
      return undefined;
    }
  }
}

/** `keys reencrypt` for the outbox: each row's message sealed again under the current keys it was sealed for. Returns the rows changed. */
export async function resealOutbox(): Promise<number> {
  let changed = 0;
  for await (const row of OutboxModel.collection.find({})) {
    const message = resealJson(row.message, messageContext(row.key as string), (row.sealedFor as string[] | undefined) ?? []);
    if (!message) continue;
    await OutboxModel.collection.updateOne({ _id: row._id }, { $set: { message } });
    changed++;
  }
  return changed;
}

const UNREADABLE = 'sealed under a key that is no longer configured';

/** Messages are sealed at rest: a push may carry what a clue's submitter wrote. */
function messageContext(key: string): string {
  return `outbox.message:${key}`;
}
