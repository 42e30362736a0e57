import type { LinkPurpose, LinkTokenRecord, LinkTokenStore } from '../link-tokens';
import { LinkTokenModel } from './models/link-token';

export class MongoLinkTokenStore implements LinkTokenStore {
  async add(record: LinkTokenRecord): Promise<void> {
    await LinkTokenModel.create(record);
  }

  find(hash: string): Promise<LinkTokenRecord | null> {
    return LinkTokenModel.findOne({ hash }, { _id: 0 }).lean<LinkTokenRecord>();
  }

  async revoke(purpose: LinkPurpose, item: string): Promise<number> {
    return (await LinkTokenModel.deleteMany({ purpose, item })).deletedCount;
  }

  async purgeExpired(now: Date): Promise<number> {
    return (await LinkTokenModel.deleteMany({ expiresAt: { $lte: now } })).deletedCount;
  }
}
