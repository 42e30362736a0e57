import type { Types } from 'mongoose';
import { REFUSED_CLUE_NOTE, type MessageRef, type OutgoingMessage } from '../../kernel/messages';
import type { InboxEntry, InboxEntryRef, InboxStore, NewInboxEntry } from '../inbox';
import { openJson, sealJson } from './at-rest';
import { isDuplicateKey } from './claims';
import { ConversationModel, type ConversationDoc } from './models/conversation';

type StoredDoc = ConversationDoc & { _id: Types.ObjectId };

/** The inbox in the `conversations` collection; updates go by _id, the one lookup FerretDB never scans for. */
export class MongoInboxStore implements InboxStore {
  async add(entry: NewInboxEntry): Promise<InboxEntry | null> {
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

  async finish(entry: InboxEntryRef, replies: OutgoingMessage[], at: Date): Promise<void> {
    await ConversationModel.updateOne(
      { _id: entry.id },
      { $set: { status: 'done', replies: sealJson(replies, repliesContext(entry)), repliedAt: at, ...retentionMark(replies) }, $unset: { leaseUntil: 1 } },
    );
  }
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
