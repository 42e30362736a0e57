import { randomBytes } from 'node:crypto';
import type { Context } from 'koa';
import type Router from 'koa-router';
import type { Clock } from '../../kernel/clock';
import type { Inbox } from '../../conversation/inbox';
import { attachmentsOnly, hasAttachments, hasText, withoutAttachments, type OutgoingMessage } from '../../kernel/messages';
import type { Logger } from '../../kernel/logger';
import { enqueue } from '../../store/mongo/outbox';
import { noAttachments, uploadAttachments, type OpenAttachment } from '../attachments';
import { DeliveryError, type Channel, type Delivery } from '../channel';
import { HttpError, readBody } from '../http-body';
import { WecomApiClient } from './api-client';
import type { WecomConfig } from './config';
import { WecomCryptoError, openCiphertext, sealReply } from './crypto';
import { splitUtf8 } from '../../kernel/utf8';
import { CONTENT_MAX_BYTES, renderPlainText } from './render';
import { WecomXmlError, buildEncryptedReplyXml, buildTextReplyXml, decodeCallback, parseEnvelope } from './xml';

/** Outbox rows addressed to a group (a DingTalk feature) are not for this channel. */
const GROUP_PREFIX = 'group:';
export interface WecomChannelOptions {
  /** Opens a reply's chart or export for upload as an image or file message. */
  openAttachment?: OpenAttachment;
  /** Called after outbox rows were written, so they go out at once. */
  onEnqueued?: () => void;
}

const UNSUPPORTED_MESSAGE_REPLY = '暂时只能处理文字、图片和文件。请发送文字指令，发送“帮助”查看可用指令。';

/**
 * The callback server of a WeCom self-built app: GET verifies the URL, POST takes encrypted
 * messages into the inbox and answers passively within the budget; everything else is pushed.
 */
export class WecomChannel implements Channel {
  readonly name = 'wecom' as const;
  private readonly api: WecomApiClient;

  constructor(
    private readonly config: WecomConfig,
    private readonly inbox: Inbox,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: WecomChannelOptions = {},
  ) {
    this.api = new WecomApiClient(config.api, clock);
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
      if (decoded.kind === 'unsupported-message') return this.answerPassively(ctx, decoded.userId, [{ text: UNSUPPORTED_MESSAGE_REPLY }]);
      const outcome = await this.inbox.handle(decoded.message, { budgetMs: this.config.replyBudgetMs });
      if (outcome.kind === 'pushed' || outcome.replies.length === 0) return answerEmpty(ctx);
      await this.pushAttachments(decoded.message.platformMessageId, decoded.message.userId, outcome.replies);
      const texts = outcome.replies.map(withoutAttachments).filter(hasText);
      if (texts.length === 0) return answerEmpty(ctx);
      // One passive reply holds 2048 bytes: the first piece answers, the rest follow by push.
      const [first, ...more] = splitUtf8(texts.map(renderPlainText).join('\n\n'), CONTENT_MAX_BYTES);
      await this.pushOverflow(decoded.message.platformMessageId, decoded.message.userId, more);
      this.answerPassively(ctx, decoded.message.userId, [{ text: first! }]);
    });
  }

  /** Text first, then each image or file as a media message of its own (uploaded before anything is sent). */
  async deliver(delivery: Delivery): Promise<void> {
    if (delivery.userId.startsWith(GROUP_PREFIX)) throw new DeliveryError('WeCom channel has no group push', false);
    const { textPart, media } = await uploadAttachments(
      delivery.message,
      { channel: 'wecom', userId: delivery.userId },
      this.options.openAttachment ?? noAttachments,
      (kind, attachment) => this.api.uploadMedia(kind, attachment),
    );
    if (hasText(textPart)) {
      for (const piece of piecesToSend(textPart)) await this.api.send([delivery.userId], piece);
    }
    for (const item of media) await this.api.sendMedia([delivery.userId], item.kind, item.mediaId);
  }

  /**
   * A passive reply carries text only: the images and files of passive replies go through the
   * outbox, keyed by the message, so a platform retry that gets the same passive answer adds nothing.
   */
  private async pushAttachments(platformMessageId: string, userId: string, replies: OutgoingMessage[]): Promise<void> {
    const items = replies.flatMap((reply, index) =>
      hasAttachments(reply)
        ? [{ key: `reply:wecom:${platformMessageId}:${index}:media`, channel: 'wecom' as const, userId, message: attachmentsOnly(reply) }]
        : [],
    );
    if ((await enqueue(items, this.clock.now())) > 0) this.options.onEnqueued?.();
  }

  private async pushOverflow(platformMessageId: string, userId: string, pieces: string[]): Promise<void> {
    const items = pieces.map((text, index) => ({
      key: `reply:wecom:${platformMessageId}:more:${index}`,
      channel: 'wecom' as const,
      userId,
      message: { text },
    }));
    if ((await enqueue(items, this.clock.now())) > 0) this.options.onEnqueued?.();
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

/** A plain text too long for one message goes as several; cards and markdown go as they are. */
function piecesToSend(message: OutgoingMessage): OutgoingMessage[] {
  if (message.title || message.buttons?.length) return [message];
  return splitUtf8(message.text, CONTENT_MAX_BYTES).map((text) => ({ text }));
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
