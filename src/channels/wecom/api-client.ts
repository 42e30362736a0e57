import { randomUUID } from 'node:crypto';
import type { Clock } from '../../kernel/clock';
import type { OutgoingMessage, PlatformEvent } from '../../kernel/messages';
import type { Attachment, MediaKind } from '../attachments';
import { DeliveryError } from '../channel';
import { bareContentType, dispositionFilename, MediaDownloadError, readCapped, type DownloadedMedia } from '../../kernel/media';
import { renderCardUpdate, renderMediaPayload, renderSendPayloads, type SendPayload } from './render';

export const WECOM_OFFICIAL_API_BASE = 'https://qyapi.weixin.qq.com';

/** errcodes meaning the access_token is invalid or expired: refresh it and retry once. */
const STALE_TOKEN_ERRCODES = new Set([40014, 42001]);
/** Refresh this long before WeCom's stated expiry, so a token never dies in flight. */
const EXPIRY_MARGIN_MS = 5 * 60_000;
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * A WeCom API call failed; the outbox keeps the row and retries later. Carries the errcode only:
 * errmsg may echo request content and must not reach logs.
 */
export class WecomDeliveryError extends DeliveryError {
  override name = 'WecomDeliveryError';
  constructor(
    readonly operation:
      | 'gettoken'
      | 'auth/getuserinfo'
      | 'message/send'
      | 'media/upload'
      | 'message/update_template_card'
      | `oa/schedule/${'add' | 'update' | 'del' | 'get'}`,
    readonly errcode?: number,
  ) {
    super(`WeCom ${operation} failed${errcode === undefined ? '' : `: errcode ${errcode}`}`, true);
  }
}

export interface WecomApiConfig {
  apiBase: string;
  corpId: string;
  secret: string;
  agentId: number;
}

interface WecomResponse {
  errcode?: number;
  access_token?: string;
  expires_in?: number;
  invaliduser?: string;
  media_id?: string;
  response_code?: string;
  schedule_id?: string;
  userid?: string;
  schedule_list?: { schedule_id?: string; attendees?: { userid?: string; response_status?: number }[] }[];
}

interface CachedToken {
  value: string;
  refreshAt: number;
}

export interface SendResult {
  /** Receivers WeCom did not know; the rest got the message. */
  invalidUsers: string[];
  /** For a button card: the code that lets the bot change the card once (update_template_card). */
  responseCode?: string;
}

/** remind_before_event_secs takes only these values (0, 5 min, 15 min, 1 h, 1 day); more go in remind_time_diffs. */
const REMIND_BEFORE_SECS = [0, 300, 900, 3600, 86400];

/** The documented schedule body: times in seconds, invitees by userid, reminders (timezone 8 = Asia/Shanghai). */
function scheduleBody(event: PlatformEvent) {
  const secs = event.remindMinutesBefore.map((minutes) => minutes * 60);
  const first = secs.find((s) => REMIND_BEFORE_SECS.includes(s));
  return {
    start_time: Math.floor(event.startsAt / 1000),
    end_time: Math.floor(event.endsAt / 1000),
    attendees: event.attendees.map((userid) => ({ userid })),
    summary: event.summary.slice(0, 128),
    description: event.description.slice(0, 1000),
    location: event.location.slice(0, 128),
    reminders: {
      is_remind: secs.length ? 1 : 0,
      ...(first !== undefined && { remind_before_event_secs: first }),
      remind_time_diffs: secs.map((s) => -s),
      timezone: 8,
    },
  };
}

export class WecomApiClient {
  private token?: CachedToken;
  private refreshing?: Promise<string>;

  constructor(
    private readonly config: WecomApiConfig,
    private readonly clock: Clock,
  ) {}

  /** The cached token, or one shared refresh for every caller that needs a new one. */
  accessToken(): Promise<string> {
    if (this.token && this.clock.now().getTime() < this.token.refreshAt) return Promise.resolve(this.token.value);
    this.refreshing ??= this.fetchToken().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /** One message, as several message/send calls in order when its text is longer than WeCom takes; the last call's result. */
  async send(toUsers: string[], message: OutgoingMessage, taskId: string = randomUUID()): Promise<SendResult> {
    let result: SendResult | undefined;
    for (const payload of renderSendPayloads(message, taskId)) result = await this.sendPayload(toUsers, payload);
    return result!;
  }

  /**
   * update_template_card (更新模版卡片消息): changes a sent button card in place for its recipients, with the
   * response_code message/send returned for it (usable once, within 72 h).
   */
  async updateCard(toUsers: string[], responseCode: string, message: OutgoingMessage, taskId: string): Promise<void> {
    const body = JSON.stringify({ userids: toUsers, agentid: this.config.agentId, response_code: responseCode, ...renderCardUpdate(message, taskId) });
    const response = await this.withFreshToken((token) =>
      this.call('message/update_template_card', this.url('/cgi-bin/message/update_template_card', { access_token: token }), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      }),
    );
    if (response.errcode !== 0) throw new WecomDeliveryError('message/update_template_card', response.errcode);
  }

  /** 创建日程 (POST /cgi-bin/oa/schedule/add): the invitees by userid, location and reminders; returns the schedule_id. */
  async addSchedule(event: PlatformEvent): Promise<string> {
    const response = await this.schedule('add', { schedule: scheduleBody(event), agentid: this.config.agentId });
    if (typeof response.schedule_id !== 'string' || !response.schedule_id) throw new WecomDeliveryError('oa/schedule/add');
    return response.schedule_id;
  }

  /** 更新日程 (POST /cgi-bin/oa/schedule/update): the whole schedule again, under its id. */
  async updateSchedule(scheduleId: string, event: PlatformEvent): Promise<void> {
    await this.schedule('update', { schedule: { schedule_id: scheduleId, ...scheduleBody(event) } });
  }

  /** 取消日程 (POST /cgi-bin/oa/schedule/del). */
  async deleteSchedule(scheduleId: string): Promise<void> {
    await this.schedule('del', { schedule_id: scheduleId });
  }

  /** 获取日程详情 (POST /cgi-bin/oa/schedule/get): each attendee's userid and response_status (0 未处理 … 2 接受, 4 拒绝). */
  async scheduleAttendees(scheduleId: string): Promise<{ userid: string; response_status: number }[]> {
    const response = await this.schedule('get', { schedule_id_list: [scheduleId] });
    const schedule = response.schedule_list?.find((s) => s.schedule_id === scheduleId);
    return (schedule?.attendees ?? []).flatMap((a) =>
      typeof a.userid === 'string' && typeof a.response_status === 'number' ? [{ userid: a.userid, response_status: a.response_status }] : [],
    );
  }

  private async schedule(action: 'add' | 'update' | 'del' | 'get', payload: unknown): Promise<WecomResponse> {
    const operation = `oa/schedule/${action}` as const;
    const response = await this.withFreshToken((token) =>
      this.call(operation, this.url(`/cgi-bin/${operation}`, { access_token: token }), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      }),
    );
    if (response.errcode !== 0) throw new WecomDeliveryError(operation, response.errcode);
    return response;
  }

  /**
   * 获取访问用户身份 (GET /cgi-bin/auth/getuserinfo): the member a web-authorization code (snsapi_base, single use,
   * 5 minutes) belongs to; null when WeCom refuses the code (e.g. 40029 invalid code) or names no member (a
   * non-member gets an openid only).
   */
  async userIdByCode(code: string): Promise<string | null> {
    const response = await this.withFreshToken((token) =>
      this.call('auth/getuserinfo', this.url('/cgi-bin/auth/getuserinfo', { access_token: token, code }), { method: 'GET' }),
    );
    return response.errcode === 0 && typeof response.userid === 'string' && response.userid ? response.userid : null;
  }

  /** An image or file message of media uploaded with uploadMedia. */
  async sendMedia(toUsers: string[], kind: MediaKind, mediaId: string): Promise<SendResult> {
    return this.sendPayload(toUsers, renderMediaPayload(kind, mediaId));
  }

  /** media/upload (上传临时素材): multipart field `media` with filename and content type; the media_id lasts 3 days. */
  async uploadMedia(kind: MediaKind, attachment: Attachment): Promise<string> {
    const response = await this.withFreshToken((token) => {
      const form = new FormData();
      form.append('media', new Blob([attachment.bytes], { type: attachment.contentType }), attachment.filename);
      return this.call('media/upload', this.url('/cgi-bin/media/upload', { access_token: token, type: kind }), { method: 'POST', body: form });
    });
    if (response.errcode !== 0 || typeof response.media_id !== 'string' || !response.media_id) {
      throw new WecomDeliveryError('media/upload', response.errcode);
    }
    return response.media_id;
  }

  /**
   * media/get (获取临时素材): the bytes of a MediaId from a callback (image, voice, file), at most maxBytes. WeCom
   * answers the file itself, or JSON with an errcode (e.g. 40007 invalid media_id) when it cannot.
   */
  async downloadMedia(mediaId: string, maxBytes: number): Promise<DownloadedMedia> {
    const fetchOnce = async (token: string): Promise<{ errcode: number } | { media: DownloadedMedia }> => {
      const url = this.url('/cgi-bin/media/get', { access_token: token, media_id: mediaId });
      let response: Response;
      try {
        response = await fetch(url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      } catch {
        throw new MediaDownloadError('unavailable');
      }
      const contentType = bareContentType(response.headers.get('content-type'));
      if (!response.ok) throw new MediaDownloadError('unavailable');
      if (contentType === 'application/json') {
        const json = (await response.json().catch(() => ({}))) as WecomResponse;
        return { errcode: json.errcode ?? -1 };
      }
      const bytes = await readCapped(response, maxBytes);
      return { media: { bytes, contentType, filename: dispositionFilename(response.headers.get('content-disposition')) } };
    };
    const token = await this.accessToken();
    let result = await fetchOnce(token);
    if ('errcode' in result && STALE_TOKEN_ERRCODES.has(result.errcode)) {
      this.forget(token);
      result = await fetchOnce(await this.accessToken());
    }
    if ('errcode' in result) throw new MediaDownloadError('unavailable');
    return result.media;
  }

  private async sendPayload(toUsers: string[], payload: SendPayload): Promise<SendResult> {
    const body = JSON.stringify({ touser: toUsers.join('|'), agentid: this.config.agentId, ...payload });
    const response = await this.withFreshToken((token) =>
      this.call('message/send', this.url('/cgi-bin/message/send', { access_token: token }), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      }),
    );
    if (response.errcode !== 0) throw new WecomDeliveryError('message/send', response.errcode);
    return {
      invalidUsers: response.invaliduser ? response.invaliduser.split('|').filter(Boolean) : [],
      ...(response.response_code && { responseCode: response.response_code }),
    };
  }

  /** Runs one API call; when WeCom says the token is stale, refreshes it (shared) and runs it once more. */
  private async withFreshToken(call: (token: string) => Promise<WecomResponse>): Promise<WecomResponse> {
    const token = await this.accessToken();
    const response = await call(token);
    if (!STALE_TOKEN_ERRCODES.has(response.errcode ?? 0)) return response;
    this.forget(token);
    return call(await this.accessToken());
  }

  /** Drop the token only if it is still the one that failed; a newer one stays. */
  private forget(failed: string): void {
    if (this.token?.value === failed) this.token = undefined;
  }

  private async fetchToken(): Promise<string> {
    const url = this.url('/cgi-bin/gettoken', { corpid: this.config.corpId, corpsecret: this.config.secret });
    const response = await this.call('gettoken', url, { method: 'GET' });
    if (response.errcode !== 0 || typeof response.access_token !== 'string' || typeof response.expires_in !== 'number') {
      throw new WecomDeliveryError('gettoken', response.errcode);
    }
    const lifetimeMs = response.expires_in * 1000;
    this.token = {
      value: response.access_token,
      refreshAt: this.clock.now().getTime() + lifetimeMs - Math.min(EXPIRY_MARGIN_MS, lifetimeMs / 2),
    };
    return response.access_token;
  }

  private url(path: string, query: Record<string, string>): string {
    const url = new URL(path, this.config.apiBase);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    return url.toString();
  }

  private async call(operation: WecomDeliveryError['operation'], url: string, init: RequestInit): Promise<WecomResponse> {
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      if (!response.ok) throw new WecomDeliveryError(operation);
      const json = (await response.json()) as unknown;
      if (typeof json !== 'object' || json === null) throw new WecomDeliveryError(operation);
      return json as WecomResponse;
    } catch (error) {
      if (error instanceof WecomDeliveryError) throw error;
      throw new WecomDeliveryError(operation);
    }
  }
}
