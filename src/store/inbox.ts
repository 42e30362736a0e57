import type { ChannelName, InboundKind, MessageRef, OutgoingMessage, ReplyHandle } from '../kernel/messages';

/**
 * One inbound message as the inbox keeps it, with the bot's direct replies: the
 * conversation log and the inbox are one record per message, unique on
 * (channel, platformMessageId, userId), so a platform retry cannot create a second one
 * and another sender's reuse of the id is a message of its own.
 */
export interface InboxEntry {
  /** The store's id of the record. */
  id: string;
  channel: ChannelName;
  platformMessageId: string;
  userId: string;
  kind: InboundKind;
  text: string;
  mediaId?: string;
  receivedAt: Date;
  status: 'processing' | 'done';
  /** While processing: after this instant the process handling it is presumed dead and another may finish it. */
  leaseUntil?: Date;
  /** How many times a recovery has resumed it after an interruption. */
  resumes?: number;
  replies: OutgoingMessage[];
  repliedAt?: Date;
  replyHandle?: ReplyHandle;
  /** The group conversation it was posted in (InboundMessage.group). */
  group?: string;
  /** The agencies whose clue content the exchange carried: its text and replies are sealed under their keys. */
  sealedFor?: string[];
}

export type NewInboxEntry = Pick<
  InboxEntry,
  'channel' | 'platformMessageId' | 'userId' | 'kind' | 'text' | 'mediaId' | 'receivedAt' | 'replyHandle' | 'group'
> & {
  leaseUntil: Date;
};

/** Which entry a call is about: its id, and the message key the sealing of its fields is bound to. */
export type InboxEntryRef = Pick<InboxEntry, 'id' | 'channel' | 'platformMessageId'>;

/** Where inbound messages are kept. Text and replies may hold clue facts: a store on disk seals them. */
export interface InboxStore {
  /** Stores a message as processing; null when its (channel, platformMessageId, userId) is there already. */
  add(entry: NewInboxEntry): Promise<InboxEntry | null>;
  find(message: MessageRef): Promise<InboxEntry | null>;
  /** The replies of a message that is done; null while it is still processing. */
  repliesOf(entry: InboxEntryRef): Promise<OutgoingMessage[] | null>;
  /** Messages still processing after their lease ran out, oldest first. */
  interrupted(now: Date, limit: number): Promise<InboxEntry[]>;
  /** Records one more resume of an interrupted message, under a new lease. */
  resume(entry: InboxEntryRef, resumes: number, leaseUntil: Date): Promise<void>;
  /** Marks a message done with its replies (on disk sealed, with its text, under the exchange's content owners). */
  finish(entry: InboxEntry, replies: OutgoingMessage[], at: Date): Promise<void>;
}

/** A message that could not be stored within the time a platform gives: nothing is promised, the platform must retry. */
export class InboxStoreTimeout extends Error {
  override name = 'InboxStoreTimeout';
  constructor(ms: number) {
    super(`the message could not be stored within ${ms} ms`);
  }
}
