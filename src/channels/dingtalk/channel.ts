import type { Context } from 'koa';
import type Router from 'koa-router';
import type { Clock } from '../../kernel/clock';
import type { AnswerPolicy, Receive } from '../../kernel/inbound';
import { hasText, type InboundMessage, type OutgoingMessage } from '../../kernel/messages';
import type { Logger } from '../../kernel/logger';
import type { DownloadedMedia } from '../../kernel/media';
import { noAttachments, uploadAttachments, type OpenAttachment } from '../attachments';
import { platformCardId } from '../card-ids';
import { DeliveryError, type Channel, type Delivery } from '../channel';
import { HttpError, readBody } from '../http-body';
import { DingTalkApiClient, DingTalkDeliveryError } from './api-client';
import type { DingTalkConfig } from './config';
import { DingTalkMessageError, decodeCallback, type DecodedCallback } from './message';
import { DingTalkSignatureError, verifyCallbackSignature } from './signature';
import { startStream, type StreamClient, type StreamConnection } from './stream';

/** A session webhook this close to its expiry is not trusted: the push API is used instead. */
const SESSION_WEBHOOK_MARGIN_MS = 60_000;
/** Outbox recipients of this form go to the configured group's custom robot. */
const GROUP_PREFIX = 'group:';
/** A callback is answered 200 at once; no reply travels in it (DingTalk documents none). */
const ANSWERS: AnswerPolicy = { kind: 'push' };

export interface DingTalkChannelDeps {
  config: DingTalkConfig;
  receive: Receive;
  clock: Clock;
  logger: Logger;
  /** Absolute base of this bot's own URLs, for image and file links. */
  publicBaseUrl?: string;
  /** Opens a reply's chart or export for upload as an image or file message. */
  openAttachment?: OpenAttachment;
  /** Stream mode's SDK client; tests pass one that does not connect. */
  streamClient?: StreamClient;
}

/**
 * DingTalk enterprise-internal-app robot. Messages arrive by signed HTTP callback (or stream mode),
 * are answered 200 at once, and every reply travels through the outbox: the message's sessionWebhook
 * while it is valid, else the one-to-one robot API.
 */
export class DingTalkChannel implements Channel {
  readonly name = 'dingtalk' as const;
  private readonly api: DingTalkApiClient;
  private stream?: StreamConnection;

  constructor(private readonly deps: DingTalkChannelDeps) {
    this.api = new DingTalkApiClient({ ...deps.config.api, oapiBase: deps.config.oapiBase, render: { linkBase: deps.publicBaseUrl } }, deps.clock);
  }

  mount(router: Router): void {
    if (this.deps.config.mode !== 'http') return;
    router.post('/dingtalk/callback', (ctx) => this.receiveCallback(ctx));
  }

  async start(): Promise<void> {
    if (this.deps.config.mode !== 'stream') return;
    this.stream = await startStream({
      appKey: this.deps.config.api.appKey,
      appSecret: this.deps.config.api.appSecret,
      clock: this.deps.clock,
      logger: this.deps.logger,
      accept: (decoded) => this.accept(decoded),
      client: this.deps.streamClient,
    });
  }

  downloadMedia(downloadCode: string, maxBytes: number): Promise<DownloadedMedia> {
    return this.api.downloadMessageFile(downloadCode, maxBytes);
  }

  async stop(): Promise<void> {
    this.stream?.close();
    this.stream = undefined;
  }

  private async receiveCallback(ctx: Context): Promise<void> {
    const body = await readBody(ctx);
    try {
      verifyCallbackSignature({ timestamp: ctx.headers.timestamp, sign: ctx.headers.sign }, this.deps.config.api.appSecret, this.deps.clock);
    } catch (error) {
      if (!(error instanceof DingTalkSignatureError)) throw error;
      ctx.state.log?.warn({ reason: error.reason }, 'dingtalk callback refused');
      throw new HttpError(401, 'unauthorized');
    }
    let decoded: DecodedCallback;
    try {
      decoded = decodeCallback(body.toString('utf8'), this.deps.clock);
    } catch (error) {
      if (!(error instanceof DingTalkMessageError)) throw error;
      throw new HttpError(400, error.message);
    }
    await this.accept(decoded);
    ctx.status = 200;
    ctx.body = {};
  }

  /** Hands the message over (throws when it cannot be stored, so the platform retries); the outbox answers it. */
  async accept(decoded: DecodedCallback): Promise<void> {
    const message = this.withTrustedReplyHandle(decoded.message);
    await this.deps.receive(decoded.supported ? { kind: 'message', message } : { kind: 'unsupported', message }, ANSWERS);
  }

  /**
   * The sign covers only the timestamp, not the body: a forged body could name any sessionWebhook and
   * have replies sent there. Only DingTalk's own host is used; any other handle is dropped (replies then
   * go to the sender through the robot API).
   */
  private withTrustedReplyHandle(message: InboundMessage): InboundMessage {
    const handle = message.replyHandle;
    if (!handle || new URL(handle.webhook).origin === new URL(this.deps.config.oapiBase).origin) return message;
    this.deps.logger.warn('dingtalk sessionWebhook on a foreign host ignored');
    return { ...message, replyHandle: undefined };
  }

  /**
   * Text through the sessionWebhook while valid (else the robot API); images and files are uploaded
   * first and sent through the robot API, as a session webhook cannot carry uploaded media. A group's
   * custom robot cannot either: there they stay links.
   */
  async deliver(delivery: Delivery): Promise<void> {
    try {
      if (delivery.userId.startsWith(GROUP_PREFIX)) {
        await this.api.pushToGroup(delivery.message);
        return;
      }
      const { textPart, media } = await uploadAttachments(
        delivery.message,
        { channel: 'dingtalk', userId: delivery.userId },
        this.deps.openAttachment ?? noAttachments,
        (kind, attachment) => this.api.uploadMedia(kind, attachment),
      );
      if (hasText(textPart)) await this.sendTextOrCard(delivery, textPart);
      for (const item of media) await this.api.sendMediaToUser(delivery.userId, item);
    } catch (error) {
      if (error instanceof DingTalkDeliveryError) throw new DeliveryError(error.message, error.retryable);
      throw error;
    }
  }

  /** A card the bot may change later goes as an interactive card; a change to one updates it in place. */
  private async sendTextOrCard(delivery: Delivery, message: OutgoingMessage): Promise<void> {
    if (message.updatesCard) return this.api.updateCard(platformCardId(message.updatesCard, delivery.userId), message);
    if (message.card) return this.api.sendCard(delivery.userId, platformCardId(message.card, delivery.userId), message);
    return this.sendText(delivery, message);
  }

  private async sendText(delivery: Delivery, message: OutgoingMessage): Promise<void> {
    if (this.sessionWebhookValid(delivery.replyHandle)) {
      await this.api.replyViaSessionWebhook(delivery.replyHandle!.webhook, message);
    } else {
      await this.api.sendToUsers([delivery.userId], message);
    }
  }

  private sessionWebhookValid(handle: Delivery['replyHandle']): boolean {
    return Boolean(handle && handle.expiresAt - SESSION_WEBHOOK_MARGIN_MS > this.deps.clock.now().getTime());
  }
}
