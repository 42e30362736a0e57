/** The normalized shapes every channel turns platform traffic into and out of. */

/** A channel's name, as registered in src/channels/index.ts (e.g. wecom, dingtalk, console). */
export type ChannelName = string;

export type InboundKind = 'text' | 'event' | 'image' | 'file' | 'voice';

/** The kinds that carry platform media (mediaId) rather than text. */
export const MEDIA_KINDS: readonly InboundKind[] = ['image', 'file', 'voice'];

export interface InboundMessage {
  channel: ChannelName;
  /**
   * Unique per channel and sender: a platform retry carries the same id and is dropped at the inbox. The console
   * lets a client choose it, so the same id from another sender is another message (messageKey below).
   */
  platformMessageId: string;
  userId: string;
  kind: InboundKind;
  /** The text the bots read. For events, the command the event stands for (e.g. a card button's key). */
  text: string;
  /** Platform media id of an image, file or voice message (WeCom MediaId, DingTalk downloadCode, console upload id). */
  mediaId?: string;
  receivedAt: Date;
  /** Channel-specific reply handle, e.g. DingTalk's sessionWebhook. */
  replyHandle?: ReplyHandle;
  /**
   * The platform's id of the group conversation the message was posted in; absent in a one-to-one chat.
   * Whatever a reply to it says is read by the whole group (src/conversation/group-policy.ts).
   */
  group?: string;
}

/** The fields that identify an inbound message: who sent it on which channel, and the id the platform (or client) gave it. */
export type MessageRef = Pick<InboundMessage, 'channel' | 'userId' | 'platformMessageId'>;

/**
 * The one key of an inbound message (inbox dedupe, its claims, its reply rows): a message id counts only
 * together with its sender, so nobody gets another user's stored answer by re-sending that user's id. The
 * sender is URI-encoded so that no `:` in it can make two keys alike.
 */
export function messageKey(message: MessageRef): string {
  return `${message.channel}:${encodeURIComponent(message.userId)}:${message.platformMessageId}`;
}

/**
 * Where a platform lets the bot answer one message: a webhook valid for a while (DingTalk's sessionWebhook, trusted
 * only when it came over an authenticated connection) and until when (ms since epoch), or the group conversation
 * the answer goes to through the platform's robot API (DingTalk's openConversationId).
 */
export interface ReplyHandle {
  webhook?: string;
  /** DingTalk group conversation (openConversationId) the replies go to through the robot API. */
  conversation?: string;
  expiresAt: number;
}

/** One message the bot says. Channels render it in the richest form they support. */
export interface OutgoingMessage {
  text: string;
  /** Short title for cards and markdown headers. */
  title?: string;
  /** Choices the user may tap; each is the exact text command it sends back. */
  buttons?: string[];
  /** An image to show (e.g. the trends chart): a URL path served by this bot. */
  image?: { url: string };
  /** A file to download (e.g. an export): a URL path served by this bot. */
  file?: { url: string; name: string };
  /**
   * This message is a card the bot may later change in place (e.g. `receipt:JY-2026-0001`): a channel keeps
   * what its platform needs to find the card again for this recipient.
   */
  card?: string;
  /** Changes, in place, the card of this id sent earlier to the same recipient; where that cannot be done it is sent as a new message. */
  updatesCard?: string;
  /** A to-do on the recipient's platform (DingTalk 待办), created once and then changed in place; channels without to-dos show nothing. */
  task?: PlatformTask;
}

/** One item of a person's platform to-do list, identified by `id` (e.g. a deadline item's number). */
export interface PlatformTask {
  id: string;
  subject: string;
  detail: string;
  /** ms since epoch. */
  dueAt: number;
  done: boolean;
}

export type Reply = string | OutgoingMessage;

export function toOutgoing(reply: Reply): OutgoingMessage {
  return typeof reply === 'string' ? { text: reply } : reply;
}

export function hasAttachments(message: OutgoingMessage): boolean {
  return Boolean(message.image || message.file);
}

export function withoutAttachments(message: OutgoingMessage): OutgoingMessage {
  const { image: _image, file: _file, ...rest } = message;
  return rest;
}

/** The media of a reply on their own, for a platform that sends them apart from the text. */
export function attachmentsOnly(message: OutgoingMessage): OutgoingMessage {
  return { text: '', ...(message.image && { image: message.image }), ...(message.file && { file: message.file }) };
}

/** Whether anything but media is left to say. */
export function hasText(message: OutgoingMessage): boolean {
  return Boolean(message.text.trim() || message.title || message.buttons?.length);
}

/** Pushes a channel shows per page of a user's outbox (newest first) unless asked otherwise, and the most one page holds. */
export const OUTBOX_PAGE = { size: 50, max: 200 } as const;
