import type { Clock } from '../../kernel/clock';
import type { OutgoingMessage, PlatformEvent, PlatformTask } from '../../kernel/messages';
import type { Attachment, MediaKind, UploadedMedia } from '../attachments';
import { AccessTokenCache, issueApiToken, issueOapiToken } from './access-token';
import { DingTalkDeliveryError, assertErrcodeZero, deleteJson, getJson, postForm, postJson, putJson } from './http';
import { renderRobotMedia, renderRobotMessage, renderStandardCard, renderWebhookMessage, type RenderOptions, type RobotMessage } from './render';
import { signWebhookUrl } from './signature';
import { bareContentType, dispositionFilename, MediaDownloadError, readCapped, type DownloadedMedia } from '../../kernel/media';

export { DingTalkDeliveryError } from './http';

export interface DingTalkApiConfig {
  appKey: string;
  appSecret: string;
  robotCode: string;
  /** The new API host (api.dingtalk.com). */
  apiBase: string;
  /** The old API host (oapi.dingtalk.com), for media uploads. */
  oapiBase?: string;
  /** Custom-robot webhook of a group (full URL) and its 加签 secret ("SEC…"), when a group is configured. */
  groupWebhook?: string;
  groupSecret?: string;
  render?: RenderOptions;
}

/** batchSend takes at most 20 userIds per call. */
const BATCH_SEND_LIMIT = 20;
const INVALID_TOKEN_CODE = 'InvalidAuthentication';
/** oapi errcodes of an invalid or expired access_token. */
const INVALID_OAPI_TOKEN_CODES = new Set(['40014', '42001']);
const OFFICIAL_OAPI_BASE = 'https://oapi.dingtalk.com';

/** Everything the bot sends to DingTalk: session-webhook replies, one-to-one robot pushes, group pushes. */
export class DingTalkApiClient {
  private readonly tokens: AccessTokenCache;
  private readonly oapiTokens: AccessTokenCache;
  private readonly oapiBase: string;

  constructor(
    private readonly config: DingTalkApiConfig,
    private readonly clock: Clock,
  ) {
    this.oapiBase = config.oapiBase ?? OFFICIAL_OAPI_BASE;
    this.tokens = new AccessTokenCache(clock, () => issueApiToken(config.apiBase, config));
    this.oapiTokens = new AccessTokenCache(clock, () => issueOapiToken(this.oapiBase, config));
  }

  /** Reply into the conversation the user wrote from (valid until the callback's sessionWebhookExpiredTime). */
  async replyViaSessionWebhook(webhook: string, message: OutgoingMessage): Promise<void> {
    const json = await postJson('sessionWebhook', webhook, renderWebhookMessage(message, this.config.render));
    assertErrcodeZero('sessionWebhook', json);
  }

  /** One-to-one robot messages (人与机器人单聊) to up to any number of users, 20 per call. */
  async sendToUsers(userIds: string[], message: OutgoingMessage): Promise<void> {
    const rendered = renderRobotMessage(message, this.config.render);
    for (let start = 0; start < userIds.length; start += BATCH_SEND_LIMIT) {
      await this.batchSend(userIds.slice(start, start + BATCH_SEND_LIMIT), rendered);
    }
  }

  /**
   * A robot message into a group conversation the robot is a member of (机器人发送群聊消息,
   * POST /v1.0/robot/groupMessages/send with the group's openConversationId).
   */
  async sendToConversation(openConversationId: string, message: OutgoingMessage): Promise<void> {
    const body = { robotCode: this.config.robotCode, openConversationId, ...renderRobotMessage(message, this.config.render) };
    await this.withApiToken((headers) => postJson('groupMessages/send', `${this.config.apiBase}/v1.0/robot/groupMessages/send`, body, headers));
  }

  /** Uploads an image or file (oapi media/upload, multipart field `media`) and returns its media_id. */
  async uploadMedia(kind: MediaKind, attachment: Attachment): Promise<string> {
    const upload = async (token: string) => {
      const url = new URL(`${this.oapiBase}/media/upload`);
      url.searchParams.set('access_token', token);
      url.searchParams.set('type', kind);
      const form = new FormData();
      form.append('media', new Blob([attachment.bytes], { type: attachment.contentType }), attachment.filename);
      const json = await postForm('media/upload', url.toString(), form);
      assertErrcodeZero('media/upload', json);
      return json;
    };
    const result = await withFreshToken(this.oapiTokens, upload, (error) => INVALID_OAPI_TOKEN_CODES.has(error.code ?? ''));
    const mediaId = (result as { media_id?: unknown }).media_id;
    if (typeof mediaId !== 'string' || !mediaId) throw new DingTalkDeliveryError('media/upload', 'no media_id');
    return mediaId;
  }

  /**
   * 下载机器人接收消息的文件内容: the downloadCode of a picture, file or audio message → a short-lived downloadUrl
   * (POST /v1.0/robot/messageFiles/download) → the bytes, at most maxBytes.
   */
  async downloadMessageFile(downloadCode: string, maxBytes: number): Promise<DownloadedMedia> {
    let downloadUrl: unknown;
    try {
      const body = { downloadCode, robotCode: this.config.robotCode };
      const json = await this.withApiToken((headers) =>
        postJson('messageFiles/download', `${this.config.apiBase}/v1.0/robot/messageFiles/download`, body, headers),
      );
      downloadUrl = (json as { downloadUrl?: unknown }).downloadUrl;
    } catch {
      throw new MediaDownloadError('unavailable');
    }
    if (typeof downloadUrl !== 'string' || !URL.canParse(downloadUrl)) throw new MediaDownloadError('unavailable');
    const response = await fetch(downloadUrl, { signal: AbortSignal.timeout(30_000) }).catch(() => undefined);
    if (!response?.ok) throw new MediaDownloadError('unavailable');
    const bytes = await readCapped(response, maxBytes);
    return {
      bytes,
      contentType: bareContentType(response.headers.get('content-type')),
      filename: dispositionFilename(response.headers.get('content-disposition')),
    };
  }

  /** An uploaded image or file to one user through the robot API (session webhooks cannot carry uploaded media). */
  async sendMediaToUser(userId: string, media: UploadedMedia): Promise<void> {
    await this.batchSend([userId], renderRobotMedia(media));
  }

  /**
   * A card the bot can change later: the robot's interactive card (机器人发送互动卡片, template StandardCard) in the
   * one-to-one chat, under our own cardBizId. Its buttons send their command back like an actionCard's.
   */
  async sendCard(userId: string, cardBizId: string, message: OutgoingMessage): Promise<void> {
    const body = {
      cardTemplateId: 'StandardCard',
      cardBizId,
      robotCode: this.config.robotCode,
      singleChatReceiver: JSON.stringify({ userId }),
      cardData: JSON.stringify(renderStandardCard(message)),
    };
    await this.withApiToken((headers) => postJson('interactiveCards/send', `${this.config.apiBase}/v1.0/im/v1.0/robot/interactiveCards/send`, body, headers));
  }

  /** Changes a card sent with sendCard in place (更新机器人发送互动卡片). */
  async updateCard(cardBizId: string, message: OutgoingMessage): Promise<void> {
    const body = { cardBizId, cardData: JSON.stringify(renderStandardCard(message)) };
    await this.withApiToken((headers) => putJson('interactiveCards/update', `${this.config.apiBase}/v1.0/im/robots/interactiveCards`, body, headers));
  }

  /** A user's unionId, which the to-do API names people by (oapi topapi/v2/user/get → result.unionid). */
  async unionIdOf(userId: string): Promise<string> {
    const get = async (token: string) => {
      const json = await postJson('user/get', `${this.oapiBase}/topapi/v2/user/get?access_token=${encodeURIComponent(token)}`, { userid: userId });
      assertErrcodeZero('user/get', json);
      return json;
    };
    const result = await withFreshToken(this.oapiTokens, get, (error) => INVALID_OAPI_TOKEN_CODES.has(error.code ?? ''));
    const unionId = (result as { result?: { unionid?: unknown } }).result?.unionid;
    if (typeof unionId !== 'string' || !unionId) throw new DingTalkDeliveryError('user/get', 'no unionid', undefined, undefined, false);
    return unionId;
  }

  /**
   * 通过免登码获取用户信息 (oapi POST topapi/v2/user/getuserinfo {code}): the userid a 免登 authCode (single use,
   * 5 minutes) belongs to; null when DingTalk refuses the code (e.g. 40078 不存在的临时授权码) or names no userid.
   */
  async userIdByCode(code: string): Promise<string | null> {
    const get = async (token: string) => {
      const json = await postJson('user/getuserinfo', `${this.oapiBase}/topapi/v2/user/getuserinfo?access_token=${encodeURIComponent(token)}`, { code });
      assertErrcodeZero('user/getuserinfo', json);
      return json;
    };
    let result: unknown;
    try {
      result = await withFreshToken(this.oapiTokens, get, (error) => INVALID_OAPI_TOKEN_CODES.has(error.code ?? ''));
    } catch (error) {
      // A refused code answers HTTP 200 with its errcode; anything else (network, HTTP error) stays an error.
      if (error instanceof DingTalkDeliveryError && error.status === 200) return null;
      throw error;
    }
    const userId = (result as { result?: { userid?: unknown } }).result?.userid;
    return typeof userId === 'string' && userId ? userId : null;
  }

  /** Creates the user's 待办 (POST /v1.0/todo/users/{unionId}/tasks) and returns its id. */
  async createTodo(unionId: string, task: PlatformTask): Promise<string> {
    const body = {
      sourceId: task.id,
      subject: task.subject,
      description: task.detail,
      dueTime: task.dueAt,
      executorIds: [unionId],
      participantIds: [unionId],
      isOnlyShowExecutor: true,
      notifyConfigs: { dingNotify: '1' },
    };
    const created = await this.withApiToken((headers) => postJson('todo/create', this.todoUrl(unionId), body, headers));
    const id = (created as { id?: unknown }).id;
    if (typeof id !== 'string' || !id) throw new DingTalkDeliveryError('todo/create', 'no task id');
    return id;
  }

  /** Changes the user's 待办 in place: subject, detail, due time, done (PUT /v1.0/todo/users/{unionId}/tasks/{taskId}). */
  async updateTodo(unionId: string, taskId: string, task: PlatformTask): Promise<void> {
    const body = { subject: task.subject, description: task.detail, dueTime: task.dueAt, done: task.done };
    await this.withApiToken((headers) => putJson('todo/update', this.todoUrl(unionId, taskId), body, headers));
  }

  /**
   * 创建日程 in the organizer's primary calendar (POST /v1.0/calendar/users/{unionId}/calendars/primary/events), the
   * invitees by unionId; returns the event id. `clientToken` (x-client-token) makes a repeated create within a day
   * return the same event.
   */
  async createEvent(organizer: string, event: PlatformEvent, attendees: string[], clientToken: string): Promise<string> {
    const created = await this.withApiToken((headers) =>
      postJson('calendar/create', this.eventUrl(organizer), calendarBody(event, attendees), { ...headers, 'x-client-token': clientToken }),
    );
    const id = (created as { id?: unknown }).id;
    if (typeof id !== 'string' || !id) throw new DingTalkDeliveryError('calendar/create', 'no event id');
    return id;
  }

  /** 修改日程 (PUT …/events/{eventId}). */
  async updateEvent(organizer: string, eventId: string, event: PlatformEvent, attendees: string[]): Promise<void> {
    await this.withApiToken((headers) =>
      putJson('calendar/update', this.eventUrl(organizer, eventId), { id: eventId, ...calendarBody(event, attendees) }, headers),
    );
  }

  /** 删除日程 (DELETE …/events/{eventId}); an event already gone (404 itemNotFound) counts as deleted. */
  async deleteEvent(organizer: string, eventId: string): Promise<void> {
    try {
      await this.withApiToken((headers) => deleteJson('calendar/delete', this.eventUrl(organizer, eventId), headers));
    } catch (error) {
      // Gone already, or deleted with an empty answer.
      if (error instanceof DingTalkDeliveryError && (error.status === 404 || (error.status ?? 0) < 300)) return;
      throw error;
    }
  }

  /** 查询单个日程详情 (GET …/events/{eventId}): each attendee's unionId and responseStatus. */
  async eventAttendees(organizer: string, eventId: string): Promise<{ id: string; responseStatus: string }[]> {
    const json = await this.withApiToken((headers) => getJson('calendar/get', `${this.eventUrl(organizer, eventId)}?maxAttendees=500`, headers));
    const attendees = (json as { attendees?: unknown }).attendees;
    if (!Array.isArray(attendees)) return [];
    return attendees.flatMap((a: { id?: unknown; responseStatus?: unknown }) =>
      typeof a?.id === 'string' && typeof a.responseStatus === 'string' ? [{ id: a.id, responseStatus: a.responseStatus }] : [],
    );
  }

  private eventUrl(organizer: string, eventId?: string): string {
    return `${this.config.apiBase}/v1.0/calendar/users/${encodeURIComponent(organizer)}/calendars/primary/events${eventId ? `/${encodeURIComponent(eventId)}` : ''}`;
  }

  private todoUrl(unionId: string, taskId?: string): string {
    const path = `${this.config.apiBase}/v1.0/todo/users/${encodeURIComponent(unionId)}/tasks${taskId ? `/${encodeURIComponent(taskId)}` : ''}`;
    return `${path}?operatorId=${encodeURIComponent(unionId)}`;
  }

  private withApiToken(call: (headers: Record<string, string>) => Promise<unknown>): Promise<unknown> {
    return withFreshToken(this.tokens, (token) => call({ 'x-acs-dingtalk-access-token': token }), isInvalidToken);
  }

  get hasGroup(): boolean {
    return Boolean(this.config.groupWebhook && this.config.groupSecret);
  }

  /** Push to the configured group through its custom robot, signed with timestamp and sign query parameters. */
  async pushToGroup(message: OutgoingMessage): Promise<void> {
    const { groupWebhook, groupSecret } = this.config;
    if (!groupWebhook || !groupSecret) {
      throw new DingTalkDeliveryError('groupWebhook', 'no group configured', undefined, undefined, false);
    }
    const url = signWebhookUrl(groupWebhook, groupSecret, this.clock);
    const json = await postJson('groupWebhook', url, renderWebhookMessage(message, this.config.render));
    assertErrcodeZero('groupWebhook', json);
  }

  private async batchSend(userIds: string[], rendered: RobotMessage): Promise<void> {
    const body = { robotCode: this.config.robotCode, userIds, ...rendered };
    const send = async (token: string) =>
      postJson('batchSend', `${this.config.apiBase}/v1.0/robot/oToMessages/batchSend`, body, {
        'x-acs-dingtalk-access-token': token,
      });
    checkRecipients(await withFreshToken(this.tokens, send, isInvalidToken));
  }
}

/** The documented event body: times as ISO-8601 with their time zone, invitees by unionId, DingTalk reminders. */
function calendarBody(event: PlatformEvent, attendees: string[]) {
  const at = (ms: number) => ({ dateTime: new Date(ms).toISOString(), timeZone: 'Asia/Shanghai' });
  return {
    summary: event.summary,
    description: event.description,
    start: at(event.startsAt),
    end: at(event.endsAt),
    isAllDay: false,
    attendees: attendees.map((id) => ({ id, isOptional: false })),
    location: { displayName: event.location },
    reminders: event.remindMinutesBefore.map((minutes) => ({ method: 'dingtalk', minutes })),
  };
}

/** Runs one call; when the platform refuses the token, fetches a new one (shared) and runs it once more. */
async function withFreshToken(
  tokens: AccessTokenCache,
  call: (token: string) => Promise<unknown>,
  refusesToken: (error: DingTalkDeliveryError) => boolean,
): Promise<unknown> {
  const token = await tokens.get();
  try {
    return await call(token);
  } catch (error) {
    if (!(error instanceof DingTalkDeliveryError) || !refusesToken(error)) throw error;
    tokens.invalidate(token);
    return call(await tokens.get());
  }
}

function isInvalidToken(error: DingTalkDeliveryError): boolean {
  return error.code === INVALID_TOKEN_CODE || error.status === 401;
}

interface BatchSendResult {
  invalidStaffIdList?: unknown[];
  flowControlledStaffIdList?: unknown[];
}

function checkRecipients(result: unknown): void {
  const { invalidStaffIdList, flowControlledStaffIdList } = (result ?? {}) as BatchSendResult;
  if (flowControlledStaffIdList?.length) {
    throw new DingTalkDeliveryError('batchSend', `${flowControlledStaffIdList.length} recipient(s) flow-controlled`);
  }
  if (invalidStaffIdList?.length) {
    throw new DingTalkDeliveryError('batchSend', `${invalidStaffIdList.length} unknown recipient(s)`, 200, undefined, false);
  }
}
