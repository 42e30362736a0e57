import type { ReportFile, ReportFileStore } from '../../../src/store/report-files';

/** structuredClone would turn the Buffer into a plain Uint8Array. */
const copy = (file: ReportFile): ReportFile => ({ ...file, owner: { ...file.owner }, data: Buffer.from(file.data) });

/** Charts and exports in a Map by token (unique, as in the collection): for unit tests only. */
export class MemoryReportFileStore implements ReportFileStore {
  readonly files = new Map<string, ReportFile>();

  async add(file: ReportFile): Promise<void> {
    if (this.files.has(file.token)) throw new Error('duplicate report file token');
    this.files.set(file.token, copy(file));
  }

  async find(token: string): Promise<ReportFile | null> {
    const file = this.files.get(token);
    return file ? copy(file) : null;
  }

  async purgeExpired(now: Date): Promise<number> {
    let purged = 0;
    for (const [token, file] of this.files) {
      if (file.expiresAt > now) continue;
      this.files.delete(token);
      purged++;
    }
    return purged;
  }
}
