import type { SessionRecord, SessionStore } from '../sessions';
import { contentOwners } from '../../kernel/content-owners';
import { openJson, resealJson, sealJson } from './at-rest';
import { isDuplicateKey } from './claims';
import { type SessionDoc, SessionModel } from './models/session';

/**
 * A session's wizard data (answers typed so far, drafts) is sealed bound to the session: under the key of the agency a
 * draft is routed to once it is (src/kernel/content-owners.ts), before that under the county key.
 */
const dataContext = (id: string) => `session.data:${id}`;
const openData = (id: string, data: unknown) => (data === undefined || data === null ? {} : openJson<SessionRecord['data']>(data, dataContext(id)));

export class MongoSessionStore implements SessionStore {
  async read(id: string): Promise<SessionRecord | null> {
    const doc = await SessionModel.findById(id, { _id: 0, channel: 1, userId: 1, bot: 1, step: 1, data: 1, expiresAt: 1 }).lean<SessionRecord>();
    return doc ? { ...doc, data: openData(id, doc.data) } : null;
  }

  async write(id: string, record: SessionRecord): Promise<void> {
    const owners = contentOwners();
    const sealed = { ...record, data: sealJson(record.data ?? {}, dataContext(id), owners), sealedFor: owners };
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

/** `keys reencrypt` for sessions: each one's data sealed again under the current keys it was sealed for. Returns the sessions changed. */
export async function resealSessions(): Promise<number> {
  let changed = 0;
  for await (const doc of SessionModel.collection.find({})) {
    const data = resealJson(doc.data, dataContext(String(doc._id)), (doc.sealedFor as string[] | undefined) ?? []);
    if (!data) continue;
    await SessionModel.collection.updateOne({ _id: doc._id }, { $set: { data } });
    changed++;
  }
  return changed;
}
