import { randomBytes } from 'node:crypto';
import type { Context } from 'koa';
import type Router from 'koa-router';
import type { Clock } from '../../kernel/clock';
import type { AnswerPolicy, Receive, Received } from '../../kernel/inbound';
import type { Logger } from '../../kernel/logger';
import { hasText, type EventResponse, type OutgoingMessage } from '../../kernel/messages';
import type { DownloadedMedia } from '../../kernel/media';
import { noAttachments, uploadAttachments, type OpenAttachment } from '../attachments';
import { platformCardId } from '../card-ids';
import { DeliveryError, type CardHandles, type Channel, type Delivery, type PlatformSignIn } from '../channel';
import { HttpError, readBody } from '../http-body';
import { WecomApiClient } from './api-client';
import type { WecomConfig } from './config';
import { WecomCryptoError, openCiphertext, sealReply } from './crypto';
import { CONTENT_MAX_BYTES, renderPlainText } from './render';
import { WecomSchedules } from './schedules';
import { WecomXmlError, buildEncryptedReplyXml, buildTextReplyXml, decodeCallback, parseEnvelope } from './xml';

/** Outbox rows addressed to a group (a DingTalk feature) are not for this channel. */
const GROUP_PREFIX = 'group:';

/**
 * 构造网页授权链接 (snsapi_base, silent): WeCom sends the member's browser back to callbackUrl with ?code&state. The
 * callback's domain must be the app's 可信域名 (docs/wecom-setup.md).
 */
function oauthUrl(corpId: string, agentId: number, callbackUrl: string, state: string): string {
  const query = new URLSearchParams({ appid: corpId, redirect_uri: callbackUrl, response_type: 'code', scope: 'snsapi_base', state, agentid: String(agentId) });
  return `https://open.weixin.qq.com/connect/oauth2/authorize?${query}#wechat_redirect`;
}

/**
 * The callback server of a WeCom self-built app: GET verifies the URL, POST hands encrypted
 * messages over and answers passively within the budget, with one plain text of at most 2048
 * bytes; everything else is pushed.
 */
export class WecomChannel implements Channel {
  readonly name = 'wecom' as const;
  private readonly api: WecomApiClient;
  private readonly schedules: WecomSchedules;
  private readonly answers: AnswerPolicy;
  readonly signIn: PlatformSignIn;

  constructor(
    private readonly config: WecomConfig,
    private readonly receive: Receive,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** Opens a reply's chart or export for upload as an image or file message. */
    private readonly openAttachment: OpenAttachment = noAttachments,
    /** Where the response_code of each card is kept, to change the card in place later. */
    private readonly cards?: CardHandles,
  ) {
    this.api = new WecomApiClient(config.api, clock);
    this.schedules = new WecomSchedules(this.api, cards);
    this.answers = { kind: 'passive', budgetMs: config.replyBudgetMs, textOnly: { maxBytes: CONTENT_MAX_BYTES, render: renderPlainText } };
    this.signIn = {
      flow: 'redirect',
      authorizeUrl: (callbackUrl, state) => oauthUrl(config.api.corpId, config.api.agentId, callbackUrl, state),
      userIdByCode: (code) => this.api.userIdByCode(code),
    };
  }

  mount(router: Router): void {
    router.get('/wecom/callback', (ctx) => {
      const echo = this.open(ctx, queryParam(ctx, 'echostr'));
      if (echo === undefined) return;
      ctx.type = 'text/plain';
      ctx.body = echo;
    });

    router.post('/wecom/callback', async (ctx) => {
      const body = (await readBody(ctx)).toString('utf8');
      const envelope = asBadRequest(() => parseEnvelope(body));
      const plaintext = this.open(ctx, envelope.encrypt);
      if (plaintext === undefined) return;
      const decoded = asBadRequest(() => decodeCallback(plaintext, this.clock.now()));

      if (decoded.kind === 'ignored-event') return answerEmpty(ctx);
      const received: Received =
        decoded.kind === 'inbound'
          ? { kind: 'message', message: decoded.message }
          : { kind: 'unsupported', message: { channel: 'wecom', userId: decoded.userId } };
      const answer = await this.receive(received, this.answers);
      if (answer.kind === 'pushed' || answer.replies.length === 0) return answerEmpty(ctx);
      this.answerPassively(ctx, received.message.userId, answer.replies);
    });
  }

  /** The invitees' answers to a schedule this channel created. */
  eventResponses(eventId: string): Promise<EventResponse[]> {
    return this.schedules.responses(eventId);
  }

  downloadMedia(mediaId: string, maxBytes: number): Promise<DownloadedMedia> {
    return this.api.downloadMedia(mediaId, maxBytes);
  }

  /** Text first, then each image or file as a media message of its own (uploaded before anything is sent). */
  async deliver(delivery: Delivery): Promise<void> {
    if (delivery.userId.startsWith(GROUP_PREFIX)) throw new DeliveryError('WeCom channel has no group push', false);
    if (delivery.message.event) return this.schedules.sync(delivery.message.event);
    const { textPart, media } = await uploadAttachments(
      delivery.message,
      { channel: 'wecom', userId: delivery.userId },
      this.openAttachment,
      (kind, attachment) => this.api.uploadMedia(kind, attachment),
    );
    if (hasText(textPart) && !(await this.updateCardInPlace(delivery.userId, textPart))) {
      await this.sendOne(delivery.userId, textPart);
    }
    for (const item of media) await this.api.sendMedia([delivery.userId], item.kind, item.mediaId);
  }

  /** A card keeps its response_code, so that it can be changed in place later. */
  private async sendOne(userId: string, message: OutgoingMessage): Promise<void> {
    const sent = await this.api.send([userId], message, message.card ? platformCardId(message.card, userId) : undefined);
    if (message.card && sent.responseCode) await this.cards?.remember('wecom', userId, message.card, sent.responseCode);
  }

  /** Changes the earlier card in place (update_template_card); false when there is none to change, so the message is sent anew. */
  private async updateCardInPlace(userId: string, message: OutgoingMessage): Promise<boolean> {
    if (!message.updatesCard || !this.cards) return false;
    const responseCode = await this.cards.find('wecom', userId, message.updatesCard);
    if (!responseCode) return false;
    await this.api.updateCard([userId], responseCode, message, platformCardId(message.updatesCard, userId));
    return true;
  }

  /** Verify and decrypt; on any failure answer 401 with no detail and return undefined. */
  private open(ctx: Context, encrypt: string): string | undefined {
    try {
      return openCiphertext(this.config.keys, {
        signature: queryParam(ctx, 'msg_signature'),
        timestamp: queryParam(ctx, 'timestamp'),
        nonce: queryParam(ctx, 'nonce'),
        encrypt,
      });
    } catch (error) {
      if (!(error instanceof WecomCryptoError)) throw error;
      ((ctx.state.log as Logger | undefined) ?? this.logger).warn({ refused: error.name }, 'wecom callback refused');
      ctx.status = 401;
      ctx.body = '';
      return undefined;
    }
  }

  private answerPassively(ctx: Context, userId: string, replies: OutgoingMessage[]): void {
    const content = replies.map(renderPlainText).join('\n\n');
    const now = this.clock.now();
    const plaintext = buildTextReplyXml(userId, this.config.keys.corpId, content, now);
    const sealed = sealReply(this.config.keys, plaintext, String(Math.floor(now.getTime() / 1000)), randomBytes(8).toString('hex'));
    ctx.type = 'application/xml';
    ctx.body = buildEncryptedReplyXml(sealed);
  }
}

function queryParam(ctx: Context, name: string): string {
  const value = ctx.query[name];
  return typeof value === 'string' ? value : '';
}

function asBadRequest<T>(decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    if (error instanceof WecomXmlError) throw new HttpError(400, error.message);
    throw error;
  }
}

/** WeCom's "received, nothing to say": 200 with an empty body. */
function answerEmpty(ctx: Context): void {
  ctx.status = 200;
  ctx.body = '';
}
