import mongoose, { type Types } from 'mongoose';
import { REFUSED_CLUE_NOTE, type MessageRef, type OutgoingMessage } from '../../kernel/messages';
import type { InboxEntry, InboxEntryRef, InboxStore, NewInboxEntry } from '../inbox';
import { contentOwners } from '../../kernel/content-owners';
import { openJson, resealJson, sealJson } from './at-rest';
import { isDuplicateKey } from './claims';
import { ConversationModel, type ConversationDoc } from './models/conversation';

type StoredDoc = ConversationDoc & { _id: Types.ObjectId };

/** The inbox in the `conversations` collection; updates go by _id, the one lookup FerretDB never scans for. */
export class MongoInboxStore implements InboxStore {
  async add(entry: NewInboxEntry): Promise<InboxEntry | null> {
    // Known to be down: refused at once (nothing stored), so a platform's callback is answered 5xx well inside its budget.
    if (mongoose.connection.readyState !== 1) throw new mongoose.mongo.MongoNotConnectedError('the database is not connected');
    try {
      const doc = await ConversationModel.create({
        ...entry,
        direction: 'in',
        text: sealJson(entry.text, textContext(entry)),
        mediaId: entry.mediaId === undefined ? undefined : sealJson(entry.mediaId, mediaContext(entry)),
        status: 'processing',
      });
      return opened(doc.toObject() as StoredDoc);
    } catch (err) {
      if (isDuplicateKey(err)) return null;
      throw err;
    }
  }

  async find({ channel, platformMessageId, userId }: MessageRef): Promise<InboxEntry | null> {
    const doc = await ConversationModel.findOne({ channel, platformMessageId, userId }).lean<StoredDoc>();
    return doc && opened(doc);
  }

  async repliesOf(entry: InboxEntryRef): Promise<OutgoingMessage[] | null> {
    const doc = await ConversationModel.findById(entry.id, { status: 1, replies: 1 }).lean<StoredDoc>();
    return doc?.status === 'done' ? openJson<OutgoingMessage[]>(doc.replies, repliesContext(entry)) : null;
  }

  async interrupted(now: Date, limit: number): Promise<InboxEntry[]> {
    const docs = await ConversationModel.find({ status: 'processing', leaseUntil: { $lte: now } })
      .sort({ receivedAt: 1 })
      .limit(limit)
      .lean<StoredDoc[]>();
    return docs.map(opened);
  }

  async resume(entry: InboxEntryRef, resumes: number, leaseUntil: Date): Promise<void> {
    await ConversationModel.updateOne({ _id: entry.id }, { $set: { resumes, leaseUntil } });
  }

  /** The text, media id and replies sealed under the agencies whose clue content the exchange carried (src/kernel/content-owners.ts). */
  async finish(entry: InboxEntry, replies: OutgoingMessage[], at: Date): Promise<void> {
    const owners = contentOwners();
    const sealedFor = owners.length ? { sealedFor: owners, ...sealedMessage(entry, owners) } : {};
    await ConversationModel.updateOne(
      { _id: entry.id },
      {
        $set: { status: 'done', replies: sealJson(replies, repliesContext(entry), owners), repliedAt: at, ...sealedFor, ...retentionMark(replies) },
        $unset: { leaseUntil: 1 },
      },
    );
  }
}

function sealedMessage(entry: Pick<InboxEntry, 'channel' | 'platformMessageId' | 'text' | 'mediaId'>, owners: readonly string[]) {
  return {
    text: sealJson(entry.text, textContext(entry), owners),
    ...(entry.mediaId !== undefined && { mediaId: sealJson(entry.mediaId, mediaContext(entry), owners) }),
  };
}

/**
 * `keys reencrypt` for the conversation log: an exchange's text, media id and replies sealed again under the current
 * keys of the agencies it was sealed for (the county key when none). Returns the entries changed.
 */
export async function resealConversations(): Promise<number> {
  let changed = 0;
  for await (const doc of ConversationModel.collection.find({})) {
    const entry = doc as unknown as StoredDoc;
    const owners = entry.sealedFor ?? [];
    const set = {
      text: resealJson(entry.text, textContext(entry), owners),
      replies: Array.isArray(entry.replies) ? null : resealJson(entry.replies, repliesContext(entry), owners),
      mediaId: entry.mediaId ? resealJson(entry.mediaId, mediaContext(entry), owners) : null,
    };
    const stale = Object.fromEntries(Object.entries(set).filter(([, value]) => value !== null));
    if (Object.keys(stale).length === 0) continue;
    await ConversationModel.collection.updateOne({ _id: entry._id }, { $set: stale });
    changed++;
  }
  return changed;
}

/** A reply refusing a clue as higher-level marks the exchange for the retention job (config/retention.yaml refusedClues). */
function retentionMark(replies: OutgoingMessage[]): { retention?: 'refused-clue' } {
  return replies.some((reply) => reply.text?.includes(REFUSED_CLUE_NOTE)) ? { retention: 'refused-clue' } : {};
}

function opened(doc: StoredDoc): InboxEntry {
  const { _id, direction: _direction, text, replies, mediaId, ...rest } = doc;
  return {
    ...rest,
    id: String(_id),
    text: openJson<string>(text, textContext(doc)),
    ...(mediaId !== undefined && mediaId !== null && { mediaId: openJson<string>(mediaId, mediaContext(doc)) }),
    replies: openJson<OutgoingMessage[]>(replies, repliesContext(doc)),
  };
}

function inboxKey(entry: { channel: string; platformMessageId: string }): string {
  return `${entry.channel}:${entry.platformMessageId}`;
}

function textContext(entry: { channel: string; platformMessageId: string }): string {
  return `conversation.text:${inboxKey(entry)}`;
}

function mediaContext(entry: { channel: string; platformMessageId: string }): string {
  return `conversation.mediaId:${inboxKey(entry)}`;
}

function repliesContext(entry: { channel: string; platformMessageId: string }): string {
  return `conversation.replies:${inboxKey(entry)}`;
}
