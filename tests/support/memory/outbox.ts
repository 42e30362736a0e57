import type { ChannelName } from '../../../src/kernel/messages';
import type { ClaimStore } from '../../../src/store/claims';
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
} from '../../../src/store/outbox';

/**
 * The outbox in a Map with the semantics of the collection: one row per key, write order kept,
 * each attempt of a row taken by one claim `outbox:<key>#<n>`. For unit tests only.
 */
export class MemoryOutboxStore implements OutboxStore {
  readonly rows = new Map<string, OutboxRow>();
  private written = 0;

  constructor(private readonly claims: ClaimStore) {}

  async enqueue(items: readonly OutboxItem[], now: Date): Promise<number> {
    let created = 0;
    for (const item of new Map(items.map((item) => [item.key, item])).values()) {
      if (this.rows.has(item.key)) continue;
      const { late, ...rest } = structuredClone(item);
      this.rows.set(item.key, { ...rest, late: late ?? false, status: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now, order: this.written++ });
      created++;
    }
    return created;
  }

  async due(now: Date): Promise<OutboxRow[]> {
    return [...this.rows.values()]
      .filter((row) => row.status === 'pending' && row.nextAttemptAt <= now)
      .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || (a.order as number) - (b.order as number))
      .slice(0, 200)
      .map((row) => structuredClone(row));
  }

  async take(row: OutboxRow): Promise<OutboxRow | 'held'> {
    // As in the mongoose store: who holds a send is decided on the wall clock, never the simulated one.
    const wall = new Date();
    const attempt = row.attempts + 1;
    const id = `outbox:${row.key}#${attempt}`;
    if ((await this.claims.claim(id, 'sending', wall)).won) return { ...structuredClone(row), attempts: attempt };
    const holder = await this.claims.readClaim(id);
    const stored = this.rows.get(row.key);
    if (stored && holder && holder.at.getTime() + OUTBOX_LEASE_MS <= wall.getTime() && stored.status === 'pending' && stored.attempts === row.attempts) {
      stored.attempts = attempt;
    }
    return 'held';
  }

  async markSent(row: OutboxRow, now: Date): Promise<void> {
    const stored = this.rows.get(row.key);
    if (!stored) return;
    Object.assign(stored, { status: 'sent', sentAt: now });
    delete stored.lastError;
  }

  async markFailed(row: OutboxRow, error: string, retryable: boolean, now: Date): Promise<void> {
    const stored = this.rows.get(row.key);
    if (!stored) return;
    Object.assign(stored, {
      status: retryable ? 'pending' : 'failed',
      attempts: row.attempts,
      lastError: error,
      nextAttemptAt: new Date(now.getTime() + retryBackoffMs(row.attempts)),
    });
  }

  async listForUser(channel: ChannelName, userId: string, page: OutboxPageRequest = {}): Promise<OutboxPage> {
    const limit = Math.min(page.limit ?? OUTBOX_PAGE.size, OUTBOX_PAGE.max);
    const cursor = page.before === undefined ? undefined : readOutboxCursor(page.before);
    if (cursor === null) return { rows: [] };
    const rows = [...this.rows.values()]
      .filter((row) => row.channel === channel && row.userId === userId && row.status !== 'failed')
      .filter(
        (row) =>
          !cursor ||
          row.createdAt < cursor.createdAt ||
          (row.createdAt.getTime() === cursor.createdAt.getTime() && (row.order as number) < parseInt(cursor.order, 16)),
      )
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (b.order as number) - (a.order as number));
    const shown = rows.slice(0, limit).map((row) => structuredClone(row));
    return { rows: shown, ...(rows.length > limit ? { next: outboxCursor({ ...shown.at(-1)!, order: (shown.at(-1)!.order as number).toString(16) }) } : {}) };
  }
}
