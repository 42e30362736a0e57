import type Router from 'koa-router';
import type { AppConfig } from '../config';
import type { Clock } from '../kernel/clock';
import type { Receive } from '../kernel/inbound';
import type { Logger } from '../kernel/logger';
import type { DownloadedMedia } from '../kernel/media';
import type { ChannelName, EventResponse, OutgoingMessage, ReplyHandle } from '../kernel/messages';
import type { Person } from '../kernel/people';
import type { OpenAttachment } from './attachments';
import type { ConnectionLeases } from './connection-lease';
import type { ConnectionHealth } from './long-connection';

/** One outbox row, as a channel delivers it. */
export interface Delivery {
  key: string;
  userId: string;
  message: OutgoingMessage;
  replyHandle?: ReplyHandle;
  late: boolean;
}

/**
 * What every channel (WeCom, DingTalk, console) implements: it mounts its HTTP routes
 * (verify → decode → hand the message over with how it may be answered → render the answer)
 * and delivers outbox rows to its platform. It never stores or decides anything itself.
 */
export interface Channel {
  readonly name: ChannelName;
  mount(router: Router): void;
  deliver(delivery: Delivery): Promise<void>;
  /** The bytes of an inbound image, file or voice message (its mediaId), at most maxBytes; for channels that receive media. */
  downloadMedia?(mediaId: string, maxBytes: number): Promise<DownloadedMedia>;
  /** The invitees' answers to a calendar event it created (PlatformEvent id), for channels with calendars; [] when it has none. */
  eventResponses?(eventId: string): Promise<EventResponse[]>;
  /** For channels that hold a connection of their own (e.g. DingTalk stream mode). */
  start?(): Promise<void>;
  stop?(): Promise<void>;
  /** The health of the long connections it keeps (for /readyz and /metrics). */
  connections?(): ConnectionHealth[];
  /** How its users prove who they are in the platform's own browser (src/http/sign-in.ts), when it can. */
  readonly signIn?: PlatformSignIn;
}

/**
 * A platform's sign-in for its in-app browser: either a redirect to its OAuth page, which comes back to our callback
 * with a code (WeCom snsapi_base), or a page of ours whose script asks the platform's JS API for a code (DingTalk
 * 免登). Either way the code is exchanged on the server for the user id; null when the platform refuses the code or
 * names no member of the organization.
 */
export type PlatformSignIn = ({ flow: 'redirect'; authorizeUrl(callbackUrl: string, state: string): string } | { flow: 'jsapi'; corpId: string }) & {
  userIdByCode(code: string): Promise<string | null>;
};

/** A delivery that failed; retryable ones stay in the outbox for another try. Never carries message text. */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** A message the outbox holds for a user, as a channel that shows it itself (the console) reads it. */
export interface PushedMessage {
  key: string;
  message: OutgoingMessage;
  createdAt: Date;
  late: boolean;
}

/** Read access for a channel that shows the bot's state itself (the console's web simulator). */
export interface ChannelReads {
  /** Everyone on the roster. */
  people(): Promise<readonly Person[]>;
  /** A page of what the outbox holds for one user of a channel (failed rows left out), newest first, and the cursor of the older page. */
  pushedTo(channel: ChannelName, userId: string, page: { limit?: number; before?: string }): Promise<{ rows: PushedMessage[]; next?: string }>;
}

/**
 * Where a channel keeps the platform's handle of a card it sent (WeCom's response_code), to change that
 * card in place later. Backed by the store, injected by the app: channels never import the store.
 */
export interface CardHandles {
  remember(channel: ChannelName, userId: string, cardId: string, handle: string): Promise<void>;
  find(channel: ChannelName, userId: string, cardId: string): Promise<string | null>;
}

/** What every channel is built from: the same for all, so each folder's factory has one signature. */
export interface ChannelDeps {
  config: AppConfig;
  clock: Clock;
  logger: Logger;
  /** The inbox: takes what the channel received and returns what to answer the request with. */
  receive: Receive;
  /** Opens a reply's chart or export, for channels that upload it as media. */
  openAttachment: OpenAttachment;
  reads: ChannelReads;
  cards: CardHandles;
  /** Who holds a long connection among the bot's processes (backed by the store's claims). */
  leases: ConnectionLeases;
}

/** Each channel folder's index exports one: the channel, or undefined after one log line saying why it is off. */
export type ChannelFactory = (deps: ChannelDeps) => Channel | undefined;
