import { type MessageRef, messageKey, type OutgoingMessage } from '../../../src/kernel/messages';
import type { InboxEntry, InboxEntryRef, InboxStore, NewInboxEntry } from '../../../src/store/inbox';

/** Inbound messages in a Map, unique on the message key (channel, sender, id) like the collection. For unit tests only. */
export class MemoryInboxStore implements InboxStore {
  readonly entries = new Map<string, InboxEntry>();

  async add(entry: NewInboxEntry): Promise<InboxEntry | null> {
    const id = messageKey(entry);
    if (this.entries.has(id)) return null;
    const stored: InboxEntry = { ...structuredClone(entry), id, status: 'processing', replies: [] };
    this.entries.set(id, stored);
    return structuredClone(stored);
  }

  async find(message: MessageRef): Promise<InboxEntry | null> {
    const entry = this.entries.get(messageKey(message));
    return entry ? structuredClone(entry) : null;
  }

  async repliesOf(ref: InboxEntryRef): Promise<OutgoingMessage[] | null> {
    const entry = this.entries.get(ref.id);
    return entry?.status === 'done' ? structuredClone(entry.replies) : null;
  }

  async interrupted(now: Date, limit: number): Promise<InboxEntry[]> {
    return [...this.entries.values()]
      .filter((entry) => entry.status === 'processing' && entry.leaseUntil && entry.leaseUntil <= now)
      .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime())
      .slice(0, limit)
      .map((entry) => structuredClone(entry));
  }

  async resume(ref: InboxEntryRef, resumes: number, leaseUntil: Date): Promise<void> {
    const entry = this.entries.get(ref.id);
    if (entry) Object.assign(entry, { resumes, leaseUntil: new Date(leaseUntil) });
  }

  async finish(ref: InboxEntryRef, replies: OutgoingMessage[], at: Date): Promise<void> {
    const entry = this.entries.get(ref.id);
    if (!entry) return;
    Object.assign(entry, { status: 'done', replies: structuredClone(replies), repliedAt: new Date(at) });
    delete entry.leaseUntil;
  }
}
