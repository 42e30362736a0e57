import type Router from 'koa-router';
import type { Clock } from '../../kernel/clock';
import type { AnswerPolicy, Receive, Received } from '../../kernel/inbound';
import { errorSummary, type Logger } from '../../kernel/logger';
import type { DownloadedMedia } from '../../kernel/media';
import { hasText, type EventResponse } from '../../kernel/messages';
import { platformCardId } from '../card-ids';
import { DeliveryError, type Channel, type Delivery } from '../channel';
import { LeasedConnection, type ConnectionLeases } from '../connection-lease';
import { LongConnection, type ConnectionHealth, type LongConnectionTimings } from '../long-connection';
import {
  AIBOT_CMD,
  decodeAibotFrame,
  frame,
  pingFrame,
  reqId,
  sendBody,
  streamReplyBody,
  subscribeFrame,
  welcomeBody,
  type AibotInbound,
} from './aibot-frames';
import { downloadAibotMedia } from './aibot-media';
import type { WecomSchedules } from './schedules';

/** Outbox rows addressed to a group (a DingTalk feature) are not for this channel. */
const GROUP_PREFIX = 'group:';
/** How long a frame of ours waits for the platform's answer (the official SDK's default). */
const REQUEST_TIMEOUT_MS = 10_000;
export const AIBOT_CONNECTION = 'wecom-aibot';

export interface WecomAibotConfig {
  botId: string;
  secret: string;
  /** wss://openws.work.weixin.qq.com, or a local fake in tests. */
  url: string;
  /** How long a message waits for the bot's answer before it is answered by push instead of in the stream. */
  replyBudgetMs: number;
  timings: LongConnectionTimings;
  leaseMs: number;
}

export interface WecomAibotDeps {
  config: WecomAibotConfig;
  receive: Receive;
  clock: Clock;
  logger: Logger;
  leases: ConnectionLeases;
  /** Meetings in WeCom calendars through a self-built app's schedule API, when its credentials are set. */
  schedules?: WecomSchedules;
}

interface Pending {
  resolve(): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * WeCom's AI bot (智能机器人) over its long connection: no public URL, Token or EncodingAESKey. Messages come in
 * as callback frames and are answered in a finished stream reply under the callback's req_id when the bot is done
 * within the budget, else pushed through the outbox (aibot_send_msg) like every notification. Only the process
 * holding the lease keeps the connection; the others stand by, and their outbox rows wait for the holder.
 */
export class WecomAibotChannel implements Channel {
  readonly name = 'wecom' as const;
  private readonly connection: LongConnection;
  private readonly lease: LeasedConnection;
  private readonly answers: AnswerPolicy;
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly deps: WecomAibotDeps) {
    const { config, logger } = deps;
    this.connection = new LongConnection(
      AIBOT_CONNECTION,
      {
        url: async () => config.url,
        hello: () => subscribeFrame(config.botId, config.secret),
        heartbeat: pingFrame,
        onFrame: (raw) => this.onFrame(raw),
      },
      logger,
      config.timings,
    );
    this.lease = new LeasedConnection(AIBOT_CONNECTION, this.connection, deps.leases, config.leaseMs, logger);
    this.answers = { kind: 'passive', budgetMs: config.replyBudgetMs };
  }

  mount(_router: Router): void {}

  start(): Promise<void> {
    return this.lease.start();
  }

  async stop(): Promise<void> {
    this.lease.stop();
    for (const id of [...this.pending.keys()]) this.settle(id, new Error('connection stopped'));
  }

  connections(): ConnectionHealth[] {
    return [this.connection.snapshot()];
  }

  async deliver(delivery: Delivery): Promise<void> {
    if (delivery.userId.startsWith(GROUP_PREFIX)) throw new DeliveryError('WeCom AI bot has no group push', false);
    if (delivery.message.event) {
      // 日程 are made through a self-built app's API (oa/schedule); the AI bot has none (logged once at startup).
      if (!this.deps.schedules) throw new DeliveryError('WeCom schedules off in AI-bot mode (no self-built app credentials)', false);
      return this.deps.schedules.sync(delivery.message.event);
    }
    const message = delivery.message.updatesCard ? { ...delivery.message, updatesCard: undefined } : delivery.message;
    if (!hasText(message)) return;
    try {
      await this.request(AIBOT_CMD.send, sendBody(delivery.userId, message, platformCardId(message.card ?? delivery.key, delivery.userId)));
    } catch (error) {
      throw new DeliveryError(`wecom aibot push failed (${(error as Error).message})`, true);
    }
  }

  /** The invitees' answers to a schedule made through the self-built app; none without one. */
  async eventResponses(eventId: string): Promise<EventResponse[]> {
    return this.deps.schedules?.responses(eventId) ?? [];
  }

  /** The decrypted bytes of an image or file a user sent (its mediaId holds the download URL and aeskey). */
  downloadMedia(mediaId: string, maxBytes: number): Promise<DownloadedMedia> {
    return downloadAibotMedia(mediaId, maxBytes);
  }

  /** Returns whether the frame was a user's message or event (for the connection's lastMessageAt). */
  private onFrame(raw: string): boolean {
    const decoded = decodeAibotFrame(raw, this.deps.clock.now());
    switch (decoded.kind) {
      case 'ack':
        this.settle(decoded.reqId, decoded.errcode === 0 ? undefined : new Error(`errcode ${decoded.errcode}`));
        if (decoded.reqId.startsWith(AIBOT_CMD.subscribe) && decoded.errcode !== 0) {
          this.deps.logger.error({ errcode: decoded.errcode }, 'wecom aibot subscription refused: check WECOM_BOT_ID and WECOM_BOT_SECRET');
        }
        return false;
      case 'kicked':
        this.deps.logger.warn('wecom aibot: a newer connection took over this bot; this process stops holding it');
        this.connection.stop('kicked');
        return false;
      case 'ignored':
        return false;
      default:
        void this.answer(decoded).catch((err) => this.deps.logger.warn({ err: errorSummary(err) }, 'wecom aibot message not answered'));
        return true;
    }
  }

  /** Hands the message to the inbox and answers it under its req_id (a duplicate gets the first delivery's answer). */
  private async answer(decoded: Extract<AibotInbound, { kind: 'inbound' | 'unsupported' }>): Promise<void> {
    const received: Received =
      decoded.kind === 'inbound'
        ? { kind: 'message', message: decoded.message }
        : { kind: 'unsupported', message: { channel: 'wecom', userId: decoded.userId, platformMessageId: decoded.platformMessageId } };
    const answer = await this.deps.receive(received, this.answers);
    if (answer.kind === 'pushed' || answer.replies.length === 0) return;
    const welcome = decoded.kind === 'inbound' && decoded.welcome;
    await this.request(
      welcome ? AIBOT_CMD.respondWelcome : AIBOT_CMD.respond,
      welcome ? welcomeBody(answer.replies) : streamReplyBody(answer.replies),
      decoded.reqId,
    );
  }

  /** Sends a frame and waits for the platform's answer under its req_id; rejects on an errcode or no answer. */
  private request(cmd: string, body: object, id: string = reqId(cmd)): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.settle(id, new Error('no answer')), REQUEST_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timer });
      try {
        this.connection.send(frame(cmd, id, body));
      } catch (error) {
        this.settle(id, error as Error);
      }
    });
  }

  private settle(id: string, error?: Error): void {
    const waiting = this.pending.get(id);
    if (!waiting) return;
    this.pending.delete(id);
    clearTimeout(waiting.timer);
    if (error) waiting.reject(error);
    else waiting.resolve();
  }
}
