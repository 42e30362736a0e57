import type { ClueAuditEntry, ClueAuditStore } from '../../../src/store/clue-audit';

/** The clue audit log in an array, in write order: appended and read, never changed. For unit tests only. */
export class MemoryClueAuditStore implements ClueAuditStore {
  readonly lines: ClueAuditEntry[] = [];

  async append(entry: ClueAuditEntry): Promise<void> {
    this.lines.push(structuredClone(entry));
  }

  async entries(clueNumber: string): Promise<ClueAuditEntry[]> {
    return this.lines
      .filter((line) => line.clueNumber === clueNumber)
      .sort((a, b) => a.at.getTime() - b.at.getTime())
      .map((line) => structuredClone(line));
  }
}
