import type { SessionRecord, SessionStore } from '../../../src/store/sessions';

/** Sessions in a Map: for unit tests of bots and wizards only. */
export class MemorySessionStore implements SessionStore {
  readonly records = new Map<string, SessionRecord>();

  async read(id: string): Promise<SessionRecord | null> {
    const record = this.records.get(id);
    return record ? structuredClone(record) : null;
  }

  async write(id: string, record: SessionRecord): Promise<void> {
    this.records.set(id, structuredClone(record));
  }

  async expired(at: Date, limit: number): Promise<Array<SessionRecord & { id: string }>> {
    return [...this.records.entries()]
      .filter(([, record]) => record.expiresAt <= at)
      .sort(([, a], [, b]) => a.expiresAt.getTime() - b.expiresAt.getTime())
      .slice(0, limit)
      .map(([id, record]) => ({ ...structuredClone(record), id }));
  }

  async remove(id: string, expiresAt?: Date): Promise<void> {
    const record = this.records.get(id);
    if (record && (!expiresAt || record.expiresAt.getTime() === expiresAt.getTime())) this.records.delete(id);
  }
}
