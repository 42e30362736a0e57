import type Router from 'koa-router';
import type { Clock } from '../kernel/clock';
import type { Env } from '../config/env';
import type { Inbox } from '../conversation/inbox';
import type { ChannelName, OutgoingMessage } from '../kernel/messages';
import type { Logger } from '../kernel/logger';
import type { OpenAttachment } from './attachments';

/** One outbox row, as a channel delivers it. */
export interface Delivery {
  key: string;
  userId: string;
  message: OutgoingMessage;
  replyHandle?: { webhook: string; expiresAt: number };
  late: boolean;
}

/**
 * What every channel (WeCom, DingTalk, console) implements: it mounts its HTTP
 * routes (verify → decode → inbox) and delivers outbox rows to its platform.
 */
export interface Channel {
  readonly name: ChannelName;
  mount(router: Router): void;
  deliver(delivery: Delivery): Promise<void>;
  /** For channels that hold a connection of their own (e.g. DingTalk stream mode). */
  start?(): Promise<void>;
  stop?(): Promise<void>;
}

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

/** What a platform channel (WeCom, DingTalk) is built from. */
export interface PlatformChannelDeps {
  env: Env;
  inbox: Inbox;
  clock: Clock;
  logger: Logger;
  openAttachment: OpenAttachment;
  /** Wakes the outbox sender after the channel wrote rows itself. */
  onEnqueued?: () => void;
}
