import type { LinkPurpose, LinkTokenRecord, LinkTokenStore } from '../../../src/store/link-tokens';
import { DuplicateKeyError } from './records';

/** Link tokens in an array. For unit tests only. */
export class MemoryLinkTokenStore implements LinkTokenStore {
  readonly records: LinkTokenRecord[] = [];

  async add(record: LinkTokenRecord): Promise<void> {
    if (this.records.some((r) => r.hash === record.hash)) throw new DuplicateKeyError('link_tokens', record.hash);
    this.records.push(structuredClone(record));
  }

  async find(hash: string): Promise<LinkTokenRecord | null> {
    const found = this.records.find((r) => r.hash === hash);
    return found ? structuredClone(found) : null;
  }

  async revoke(purpose: LinkPurpose, item: string): Promise<number> {
    return this.remove((r) => r.purpose === purpose && r.item === item);
  }

  async purgeExpired(now: Date): Promise<number> {
    return this.remove((r) => r.expiresAt <= now);
  }

  private remove(match: (r: LinkTokenRecord) => boolean): number {
    const before = this.records.length;
    this.records.splice(0, this.records.length, ...this.records.filter((r) => !match(r)));
    return before - this.records.length;
  }
}
