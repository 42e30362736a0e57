import type { SessionRecord, SessionStore } from '../sessions';
import { openJson, sealJson } from './at-rest';
import { isDuplicateKey } from './claims';

/** A session's wizard data (answers typed so far, drafts) is sealed under the county key, bound to the session. */
const dataContext = (id: string) => `session.data:${id}`;
const openData = (id: string, data: unknown) => (data === undefined || data === null ? {} : openJson<SessionRecord['data']>(data, dataContext(id)));
import { type SessionDoc, SessionModel } from './models/session';

export class MongoSessionStore implements SessionStore {
  async read(id: string): Promise<SessionRecord | null> {
    const doc = await SessionModel.findById(id, { _id: 0, channel: 1, userId: 1, bot: 1, step: 1, data: 1, expiresAt: 1 }).lean<SessionRecord>();
    return doc ? { ...doc, data: openData(id, doc.data) } : null;
  }

  async write(id: string, record: SessionRecord): Promise<void> {
    const sealed = { ...record, data: sealJson(record.data ?? {}, dataContext(id)) };
    const write = () => SessionModel.updateOne({ _id: id }, { $set: sealed }, { upsert: true });
    try {
      await write();
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      // A session stored before sessions were keyed by _id holds the (channel, userId) slot: replace it.
      await SessionModel.deleteMany({ channel: record.channel, userId: record.userId, _id: { $ne: id } });
      await write();
    }
  }

  async expired(at: Date, limit: number): Promise<Array<SessionRecord & { id: string }>> {
    const docs = await SessionModel.find({ expiresAt: { $lte: at } })
      .sort({ expiresAt: 1 })
      .limit(limit)
      .lean<SessionDoc[]>();
    return docs.map(({ _id, ...record }) => ({ ...record, id: _id, data: openData(_id, record.data) }));
  }

  async remove(id: string, expiresAt?: Date): Promise<void> {
    await SessionModel.deleteOne(expiresAt ? { _id: id, expiresAt } : { _id: id });
  }
}
