import type { Context } from 'koa';
import type Router from 'koa-router';
import type { Clock } from '../../kernel/clock';
import type { AnswerPolicy, Receive } from '../../kernel/inbound';
import { hasText, type EventResponse, type InboundMessage, type OutgoingMessage, type PlatformEvent, type PlatformTask } from '../../kernel/messages';
import type { Logger } from '../../kernel/logger';
import type { DownloadedMedia } from '../../kernel/media';
import { noAttachments, uploadAttachments, type OpenAttachment } from '../attachments';
import { platformCardId } from '../card-ids';
import { DeliveryError, type CardHandles, type Channel, type Delivery, type PlatformSignIn } from '../channel';
import { HttpError, readBody } from '../http-body';
import { DingTalkApiClient, DingTalkDeliveryError } from './api-client';
import type { DingTalkConfig } from './config';
import { DingTalkMessageError, bindToCallback, decodeCallback, type DecodedCallback } from './message';
import { DingTalkSignatureError, verifyCallbackSignature } from './signature';
import { createStreamConnection } from './stream';
import { DEFAULT_TIMINGS, type ConnectionHealth, type LongConnection, type LongConnectionTimings } from '../long-connection';

/** A session webhook this close to its expiry is not trusted: the push API is used instead. */
const SESSION_WEBHOOK_MARGIN_MS = 60_000;
/** Calendar event handles are kept under this pseudo user: found by the event id alone. */
const EVENT_HANDLES = 'calendar';

/** What the bot keeps of a DingTalk 日程: its organizer's unionId, its id, and each invitee's unionId → userId. */
interface EventHandle {
  organizer: string;
  eventId: string;
  attendees: Record<string, string>;
}

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
  /** Where each user's 待办 id is kept (task id per deadline item), to change it in place. */
  cards?: CardHandles;
  /** Stream mode's heartbeat, silence watchdog and reconnect backoff. */
  timings?: LongConnectionTimings;
}

/**
 * DingTalk enterprise-internal-app robot. Messages arrive by signed HTTP callback (or stream mode),
 * are answered 200 at once, and every reply travels through the outbox: in stream mode the message's
 * sessionWebhook while it is valid; for HTTP callbacks (whose body the sign does not cover) and after
 * expiry the robot API, to the sender one-to-one or to the group (bindToCallback).
 */
export class DingTalkChannel implements Channel {
  readonly name = 'dingtalk' as const;
  private readonly api: DingTalkApiClient;
  private readonly stream?: LongConnection;
  /** 免登 in DingTalk's browser, when DINGTALK_CORP_ID is set. */
  readonly signIn?: PlatformSignIn;

  constructor(private readonly deps: DingTalkChannelDeps) {
    this.api = new DingTalkApiClient({ ...deps.config.api, oapiBase: deps.config.oapiBase, render: { linkBase: deps.publicBaseUrl } }, deps.clock);
    const { corpId } = deps.config;
    if (corpId) this.signIn = { flow: 'jsapi', corpId, userIdByCode: (code) => this.api.userIdByCode(code) };
    if (deps.config.mode === 'stream') {
      this.stream = createStreamConnection({
        appKey: deps.config.api.appKey,
        appSecret: deps.config.api.appSecret,
        apiBase: deps.config.api.apiBase,
        timings: deps.timings ?? DEFAULT_TIMINGS,
        clock: deps.clock,
        logger: deps.logger,
        accept: (decoded) => this.accept(decoded),
      });
    }
  }

  mount(router: Router): void {
    if (this.deps.config.mode !== 'http') return;
    router.post('/dingtalk/callback', (ctx) => this.receiveCallback(ctx));
  }

  async start(): Promise<void> {
    if (!this.stream) return;
    this.stream.start();
    this.deps.logger.info('dingtalk channel on (stream mode)');
  }

  downloadMedia(downloadCode: string, maxBytes: number): Promise<DownloadedMedia> {
    return this.api.downloadMessageFile(downloadCode, maxBytes);
  }

  async stop(): Promise<void> {
    this.stream?.stop();
  }

  connections(): ConnectionHealth[] {
    return this.stream ? [this.stream.snapshot()] : [];
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
    await this.accept(bindToCallback(decoded));
    ctx.status = 200;
    ctx.body = {};
  }

  /** Hands the message over (throws when it cannot be stored, so the platform retries); the outbox answers it. */
  async accept(decoded: DecodedCallback): Promise<void> {
    const message = this.withTrustedReplyHandle(decoded.message);
    await this.deps.receive(decoded.supported ? { kind: 'message', message } : { kind: 'unsupported', message }, ANSWERS);
  }

  /**
   * A message from the stream (an authenticated connection DingTalk opened to us) keeps its sessionWebhook, on
   * DingTalk's own host only; any other handle is dropped (replies then go to the sender through the robot API).
   */
  private withTrustedReplyHandle(message: InboundMessage): InboundMessage {
    const webhook = message.replyHandle?.webhook;
    if (!webhook || new URL(webhook).origin === new URL(this.deps.config.oapiBase).origin) return message;
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
      if (delivery.message.task) {
        await this.syncTodo(delivery.userId, delivery.message.task);
        return;
      }
      if (delivery.message.event) {
        await this.syncEvent(delivery.key, delivery.userId, delivery.message.event);
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

  /**
   * The user's 待办 for a task: created once (its unionId and task id kept as the handle), then changed in place.
   * The handle is kept right after the create call; a crash between the two can leave one extra 待办 (DingTalk
   * documents no idempotent create).
   */
  private async syncTodo(userId: string, task: PlatformTask): Promise<void> {
    const cards = this.deps.cards;
    if (!cards) throw new DeliveryError('dingtalk to-dos need a handle store', false);
    const handleId = `todo:${task.id}`;
    const handle = await cards.find('dingtalk', userId, handleId);
    if (handle) {
      const [unionId = '', taskId = ''] = handle.split(' ');
      await this.api.updateTodo(unionId, taskId, task);
      return;
    }
    const unionId = await this.api.unionIdOf(userId);
    const taskId = await this.api.createTodo(unionId, task);
    await cards.remember('dingtalk', userId, handleId, `${unionId} ${taskId}`);
    if (task.done) await this.api.updateTodo(unionId, taskId, task);
  }

  /**
   * The organizer's 日程 for an event: created once (organizer, event id and each invitee's unionId kept as the
   * handle, under the event id alone), then changed in place, or deleted when cancelled. The create carries the
   * outbox key as x-client-token, so a retry after a crash between the create and the handle returns the same event.
   */
  private async syncEvent(key: string, userId: string, event: PlatformEvent): Promise<void> {
    const cards = this.deps.cards;
    if (!cards) throw new DeliveryError('dingtalk calendars need a handle store', false);
    const handleId = `event:${event.id}`;
    const stored = await cards.find('dingtalk', EVENT_HANDLES, handleId);
    const handle = stored ? (JSON.parse(stored) as EventHandle) : undefined;
    if (event.cancelled) {
      // Not created yet (its create is still being retried): this deletion waits for it.
      if (!handle) throw new DeliveryError('dingtalk event to delete not created yet', true);
      await this.api.deleteEvent(handle.organizer, handle.eventId);
      return;
    }
    const unionIds: Record<string, string> = {};
    for (const attendee of event.attendees) unionIds[await this.api.unionIdOf(attendee)] = attendee;
    const attendees = Object.keys(unionIds);
    if (handle) {
      await this.api.updateEvent(handle.organizer, handle.eventId, event, attendees);
      await cards.remember('dingtalk', EVENT_HANDLES, handleId, JSON.stringify({ ...handle, attendees: unionIds }));
      return;
    }
    const organizer = await this.api.unionIdOf(userId);
    const eventId = await this.api.createEvent(organizer, event, attendees, key);
    await cards.remember('dingtalk', EVENT_HANDLES, handleId, JSON.stringify({ organizer, eventId, attendees: unionIds } satisfies EventHandle));
  }

  /** The invitees' answers to an event this channel created (查询单个日程详情 → attendees[].responseStatus). */
  async eventResponses(eventId: string): Promise<EventResponse[]> {
    const stored = await this.deps.cards?.find('dingtalk', EVENT_HANDLES, `event:${eventId}`);
    if (!stored) return [];
    const handle = JSON.parse(stored) as EventHandle;
    const attendees = await this.api.eventAttendees(handle.organizer, handle.eventId);
    return attendees.flatMap(({ id, responseStatus }): EventResponse[] => {
      const userId = handle.attendees[id];
      if (!userId) return [];
      if (responseStatus === 'accepted') return [{ userId, answer: 'accepted' as const }];
      if (responseStatus === 'declined') return [{ userId, answer: 'declined' as const }];
      return [];
    });
  }

  /** A card the bot may change later goes as an interactive card; a change to one updates it in place. */
  private async sendTextOrCard(delivery: Delivery, message: OutgoingMessage): Promise<void> {
    if (message.updatesCard) return this.api.updateCard(platformCardId(message.updatesCard, delivery.userId), message);
    if (message.card) return this.api.sendCard(delivery.userId, platformCardId(message.card, delivery.userId), message);
    return this.sendText(delivery, message);
  }

  private async sendText(delivery: Delivery, message: OutgoingMessage): Promise<void> {
    const handle = delivery.replyHandle;
    if (handle?.webhook && this.sessionWebhookValid(handle)) {
      await this.api.replyViaSessionWebhook(handle.webhook, message);
    } else if (handle?.conversation) {
      await this.api.sendToConversation(handle.conversation, message);
    } else {
      await this.api.sendToUsers([delivery.userId], message);
    }
  }

  private sessionWebhookValid(handle: NonNullable<Delivery['replyHandle']>): boolean {
    return handle.expiresAt - SESSION_WEBHOOK_MARGIN_MS > this.deps.clock.now().getTime();
  }
}
