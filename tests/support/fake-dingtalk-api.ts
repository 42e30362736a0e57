import { MEDIA_TYPES, readMediaPart, type RecordedUpload } from './fake-media-upload';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dingtalkSign } from './dingtalk-client';

/**
 * A local HTTP fake of the DingTalk endpoints the bot calls, following the documented shapes:
 * POST /v1.0/oauth2/accessToken, POST /v1.0/robot/oToMessages/batchSend and groupMessages/send, a sessionWebhook, a
 * custom-robot group webhook with 加签, the robot's interactive cards (POST /v1.0/im/v1.0/robot/interactiveCards/send,
 * PUT /v1.0/im/robots/interactiveCards by cardBizId), POST /v1.0/robot/messageFiles/download (a received file's
 * downloadCode → a short-lived downloadUrl, served here too), and on the old host GET /gettoken, POST /media/upload and
 * POST /topapi/v2/user/getuserinfo (通过免登码获取用户信息: a 免登 authCode, used once, names its user; an unknown or
 * used code answers errcode 40078 不存在的临时授权码).
 * It records every call, counts token fetches, can expire tokens and can fail the next calls of a route.
 */

export type FakeRoute =
  | 'token'
  | 'batchSend'
  | 'groupMessage'
  | 'session'
  | 'group'
  | 'oapiToken'
  | 'upload'
  | 'cardSend'
  | 'cardUpdate'
  | 'userGet'
  | 'userByCode'
  | 'todoCreate'
  | 'todoUpdate'
  | 'fileDownload'
  | 'download'
  | 'calendar';

/** A 日程 as it stands (创建/修改/删除/查询单个日程): attendees by unionId with their responseStatus. */
export interface FakeEvent {
  id: string;
  organizer: string;
  summary: string;
  description: string;
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
  location: { displayName: string };
  attendees: { id: string; responseStatus: 'needsAction' | 'accepted' | 'declined' | 'tentative' }[];
  reminders: { method: string; minutes: number }[];
  clientToken?: string;
  deleted: boolean;
  updates: number;
}

/** A 待办 as it stands now (创建待办 / 更新待办: POST and PUT /v1.0/todo/users/{unionId}/tasks[/{taskId}]). */
export interface FakeTodo {
  id: string;
  unionId: string;
  sourceId: string;
  subject: string;
  description: string;
  dueTime: number;
  done: boolean;
  updates: number;
}

/** An interactive card as it stands now: its receiver and its current cardData, with every earlier version. */
export interface FakeCard {
  cardBizId: string;
  cardTemplateId: string;
  receiver: string;
  cardData: Record<string, unknown>;
  history: Record<string, unknown>[];
}

export interface BatchSendCall {
  robotCode: string;
  userIds: string[];
  msgKey: string;
  msgParam: Record<string, unknown>;
}

export interface GroupMessageCall {
  robotCode: string;
  openConversationId: string;
  msgKey: string;
  msgParam: Record<string, unknown>;
}

export interface FakeDingTalkOptions {
  appKey: string;
  appSecret: string;
  groupAccessToken?: string;
  groupSecret?: string;
  expireInSeconds?: number;
  now?: () => number;
}

export class FakeDingTalkApi {
  tokenFetches = 0;
  oapiTokenFetches = 0;
  readonly uploads: RecordedUpload[] = [];
  readonly batchSends: BatchSendCall[] = [];
  /** 机器人发送群聊消息 (groupMessages/send): what went to which group conversation. */
  readonly groupMessages: GroupMessageCall[] = [];
  readonly sessionReplies: { session: string; body: Record<string, unknown> }[] = [];
  readonly groupPushes: Record<string, unknown>[] = [];
  /** Interactive cards by cardBizId; an update changes the card in place. */
  readonly cards = new Map<string, FakeCard>();
  /** 日程 by event id. */
  readonly events = new Map<string, FakeEvent>();
  /** 待办 by task id. */
  readonly todos = new Map<string, FakeTodo>();
  /** What users "sent" as pictures, files and audio, by downloadCode. */
  readonly files = new Map<string, { bytes: Buffer; contentType: string }>();
  /** downloadCodes asked for through messageFiles/download, in order. */
  readonly fileDownloads: string[] = [];
  /** Every group-webhook request whose timestamp/sign failed the check. */
  rejectedGroupSigns = 0;
  /** How long a batchSend takes to answer after it was accepted (a slow platform widens the time a send is in flight). */
  sendDelayMs = 0;

  /** 免登 codes DingTalk's JS API would hand the page of a user (requestAuthCode), each usable once. */
  private readonly authCodes = new Map<string, string>();
  private readonly server: Server;
  private readonly validTokens = new Set<string>();
  private readonly validOapiTokens = new Set<string>();
  private readonly failures = new Map<FakeRoute, { remaining: number; status: number }>();
  private tokenSerial = 0;
  private baseUrl = '';

  constructor(private readonly options: FakeDingTalkOptions) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(() => send(res, 500, { code: 'fakeError' }));
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Base for DINGTALK_API_BASE. */
  get apiBase(): string {
    return this.baseUrl;
  }

  sessionWebhookUrl(session = 'default'): string {
    return `${this.baseUrl}/robot/sendBySession?session=${encodeURIComponent(session)}`;
  }

  /** The group's custom-robot URL as DingTalk shows it (without timestamp/sign). */
  get groupWebhookUrl(): string {
    return `${this.baseUrl}/robot/send?access_token=${this.options.groupAccessToken ?? 'group-token'}`;
  }

  /** Invalidate every token handed out so far: the next call with one gets InvalidAuthentication (oapi: 40014). */
  expireTokens(): void {
    this.validTokens.clear();
    this.validOapiTokens.clear();
  }

  /** A code dd.runtime.permission.requestAuthCode would give `userId`'s page. */
  addAuthCode(code: string, userId: string): void {
    this.authCodes.set(code, userId);
  }

  failNext(route: FakeRoute, times = 1, status = 500): void {
    this.failures.set(route, { remaining: times, status });
  }

  private takeFailure(route: FakeRoute): number | undefined {
    const failure = this.failures.get(route);
    if (!failure || failure.remaining === 0) return undefined;
    failure.remaining -= 1;
    return failure.status;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const raw = await readBody(req);
    const route = routeOf(req.method, url.pathname);
    if (!route) return send(res, 404, { code: 'notFound' });
    const failStatus = this.takeFailure(route);
    if (failStatus !== undefined) return send(res, failStatus, { code: 'ServiceUnavailable', message: 'fake failure' });
    if (route === 'oapiToken') return this.issueOapiToken(url, res);
    if (route === 'userGet') return this.userGet(url, raw, res);
    if (route === 'userByCode') return this.userByCode(url, raw, res);
    if (route === 'todoCreate' || route === 'todoUpdate') return this.todo(route, url, req, raw, res);
    if (route === 'calendar') {
      this.calendar(req, url, raw, res);
      return;
    }
    if (route === 'upload') return this.upload(url, req, raw, res);
    if (route === 'download') return this.serveDownload(url, res);
    const body = JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>;
    if (route === 'token') return this.issueToken(body, res);
    if (route === 'batchSend') return this.batchSend(req, body, res);
    if (route === 'groupMessage') return this.groupMessage(req, body, res);
    if (route === 'fileDownload') return this.fileDownload(req, body, res);
    if (route === 'cardSend' || route === 'cardUpdate') return this.card(route, req, body, res);
    if (route === 'session') {
      this.sessionReplies.push({ session: url.searchParams.get('session') ?? '', body });
      send(res, 200, { errcode: 0, errmsg: 'ok' });
      return;
    }
    return this.groupPush(url, body, res);
  }

  private issueToken(body: Record<string, unknown>, res: ServerResponse): void {
    this.tokenFetches += 1;
    if (body.appKey !== this.options.appKey || body.appSecret !== this.options.appSecret) {
      send(res, 400, { code: 'invalidClientIdOrSecret', message: '无效的clientId或者clientSecret' });
      return;
    }
    const token = `fake-token-${++this.tokenSerial}`;
    this.validTokens.add(token);
    send(res, 200, { accessToken: token, expireIn: this.options.expireInSeconds ?? 7200 });
  }

  private issueOapiToken(url: URL, res: ServerResponse): void {
    this.oapiTokenFetches += 1;
    if (url.searchParams.get('appkey') !== this.options.appKey || url.searchParams.get('appsecret') !== this.options.appSecret) {
      send(res, 200, { errcode: 40089, errmsg: '不合法的corpid或corpsecret' });
      return;
    }
    const token = `fake-oapi-token-${++this.tokenSerial}`;
    this.validOapiTokens.add(token);
    send(res, 200, { errcode: 0, errmsg: 'ok', access_token: token, expires_in: this.options.expireInSeconds ?? 7200 });
  }

  private async upload(url: URL, req: IncomingMessage, raw: Buffer, res: ServerResponse): Promise<void> {
    const token = url.searchParams.get('access_token') ?? '';
    if (!this.validOapiTokens.has(token)) return send(res, 200, { errcode: 40014, errmsg: '不合法的access_token' });
    const type = url.searchParams.get('type') ?? '';
    if (!MEDIA_TYPES.includes(type)) return send(res, 200, { errcode: 40004, errmsg: '不合法的媒体文件类型' });
    const media = await readMediaPart(req.headers['content-type'] ?? '', raw);
    if (!media) return send(res, 200, { errcode: 41005, errmsg: '缺少media参数' });
    const mediaId = `@fake-media-${this.uploads.length + 1}`;
    this.uploads.push({ accessToken: token, type, ...media, mediaId });
    send(res, 200, { errcode: 0, errmsg: 'ok', type, media_id: mediaId, created_at: Date.now() });
  }

  /** topapi/v2/user/get: every userid is known, its unionid derived from it. */
  private userGet(url: URL, raw: Buffer, res: ServerResponse) {
    if (!this.validOapiTokens.has(url.searchParams.get('access_token') ?? '')) return send(res, 200, { errcode: 40014, errmsg: '不合法的access_token' });
    const userid = String((JSON.parse(raw.toString('utf8') || '{}') as { userid?: unknown }).userid ?? '');
    if (!userid) return send(res, 200, { errcode: 60121, errmsg: '找不到该用户' });
    send(res, 200, { errcode: 0, errmsg: 'ok', result: { userid, unionid: `union-${userid}` } });
  }

  private userByCode(url: URL, raw: Buffer, res: ServerResponse) {
    if (!this.validOapiTokens.has(url.searchParams.get('access_token') ?? '')) return send(res, 200, { errcode: 40014, errmsg: '不合法的access_token' });
    const code = String((JSON.parse(raw.toString('utf8') || '{}') as { code?: unknown }).code ?? '');
    const userid = this.authCodes.get(code);
    if (!userid) return send(res, 200, { errcode: 40078, errmsg: '不存在的临时授权码' });
    this.authCodes.delete(code);
    send(res, 200, {
      errcode: 0,
      errmsg: 'ok',
      result: { userid, unionid: `union-${userid}`, name: userid, sys: false, sys_level: 0, device_id: 'fake-device' },
    });
  }

  private todo(route: 'todoCreate' | 'todoUpdate', url: URL, req: IncomingMessage, raw: Buffer, res: ServerResponse) {
    const token = req.headers['x-acs-dingtalk-access-token'];
    if (typeof token !== 'string' || !this.validTokens.has(token)) return send(res, 400, { code: 'InvalidAuthentication', message: '不合法的access_token' });
    const [, , , unionId = '', , taskId] = url.pathname.split('/').slice(1);
    if (url.searchParams.get('operatorId') !== unionId) return send(res, 400, { code: 'param.operatorId.invalid', message: 'operatorId' });
    const body = JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>;
    if (route === 'todoCreate') {
      if (typeof body.subject !== 'string' || !body.subject) return send(res, 400, { code: 'param.subject.empty', message: 'subject' });
      const id = `todo-${this.todos.size + 1}`;
      const todo = {
        id,
        unionId,
        sourceId: String(body.sourceId ?? ''),
        subject: body.subject,
        description: String(body.description ?? ''),
        dueTime: Number(body.dueTime),
        done: false,
        updates: 0,
      };
      this.todos.set(id, todo);
      return send(res, 200, { id, subject: todo.subject, dueTime: todo.dueTime, done: false, executorIds: body.executorIds, createdTime: Date.now() });
    }
    const todo = this.todos.get(taskId ?? '');
    if (!todo || todo.unionId !== unionId) return send(res, 400, { code: 'param.taskId.notExist', message: '待办不存在' });
    Object.assign(todo, {
      ...(typeof body.subject === 'string' && { subject: body.subject }),
      ...(typeof body.description === 'string' && { description: body.description }),
      ...(typeof body.dueTime === 'number' && { dueTime: body.dueTime }),
      ...(typeof body.done === 'boolean' && { done: body.done }),
      updates: todo.updates + 1,
    });
    send(res, 200, { result: true });
  }

  /** An invitee answers in their DingTalk calendar (设置日程响应邀请状态, as the client does). */
  respond(eventId: string, unionId: string, responseStatus: FakeEvent['attendees'][number]['responseStatus']): void {
    const attendee = this.events.get(eventId)?.attendees.find((a) => a.id === unionId);
    if (!attendee) throw new Error(`no attendee ${unionId} on ${eventId}`);
    attendee.responseStatus = responseStatus;
  }

  /** /v1.0/calendar/users/{unionId}/calendars/primary/events[/{eventId}]: 400 invalidParameter, 404 itemNotFound. */
  private calendar(req: IncomingMessage, url: URL, raw: Buffer, res: ServerResponse) {
    const token = req.headers['x-acs-dingtalk-access-token'];
    if (typeof token !== 'string' || !this.validTokens.has(token)) return send(res, 401, { code: 'InvalidAuthentication', message: '不合法的access_token' });
    const [, , , organizer = '', , calendarId, , eventId] = url.pathname.split('/').slice(1);
    if (calendarId !== 'primary') return send(res, 400, { code: 'invalidParameter', message: 'calendarId' });
    const existing = eventId ? this.events.get(eventId) : undefined;
    if (eventId && (!existing || existing.deleted || existing.organizer !== organizer))
      return send(res, 404, { code: 'itemNotFound', message: '无法找到指定日程' });
    if (req.method === 'GET') return send(res, 200, existing);
    if (req.method === 'DELETE') {
      existing!.deleted = true;
      res.writeHead(200).end();
      return;
    }
    // biome-ignore lint/suspicious/noExplicitAny: the fake reads the documented JSON loosely
    const body = JSON.parse(raw.toString('utf8') || '{}') as Record<string, any>;
    const clientToken = req.headers['x-client-token'];
    if (req.method === 'POST' && typeof clientToken === 'string') {
      const same = [...this.events.values()].find((e) => e.clientToken === clientToken);
      if (same) return send(res, 200, same);
    }
    if (typeof body.summary !== 'string' || !body.summary || !body.start?.dateTime || !body.end?.dateTime) {
      return send(res, 400, { code: 'invalidParameter', message: 'summary/start/end' });
    }
    const status = new Map((existing?.attendees ?? []).map((a) => [a.id, a.responseStatus]));
    const event: FakeEvent = {
      id: existing?.id ?? `event-${this.events.size + 1}`,
      organizer,
      summary: body.summary,
      description: String(body.description ?? ''),
      start: body.start,
      end: body.end,
      location: body.location ?? { displayName: '' },
      attendees: (body.attendees ?? []).map((a: { id: string }) => ({ id: a.id, responseStatus: status.get(a.id) ?? 'needsAction' })),
      reminders: body.reminders ?? [],
      ...(typeof clientToken === 'string' && { clientToken }),
      deleted: false,
      updates: existing ? existing.updates + 1 : 0,
    };
    this.events.set(event.id, event);
    send(res, 200, event);
  }

  /** 下载机器人接收消息的文件内容: {downloadCode, robotCode} → {downloadUrl}; an unknown code is refused. */
  private fileDownload(req: IncomingMessage, body: Record<string, unknown>, res: ServerResponse): void {
    const token = req.headers['x-acs-dingtalk-access-token'];
    if (typeof token !== 'string' || !this.validTokens.has(token)) {
      send(res, 400, { code: 'InvalidAuthentication', message: '不合法的access_token' });
      return;
    }
    const code = String(body.downloadCode ?? '');
    if (!this.files.has(code) || typeof body.robotCode !== 'string') {
      send(res, 400, { code: 'unknownError', message: 'downloadCode 无效' });
      return;
    }
    this.fileDownloads.push(code);
    send(res, 200, { downloadUrl: `${this.baseUrl}/download?code=${encodeURIComponent(code)}` });
  }

  private serveDownload(url: URL, res: ServerResponse): void {
    const file = this.files.get(url.searchParams.get('code') ?? '');
    if (!file) {
      send(res, 404, { code: 'notFound' });
      return;
    }
    res.writeHead(200, { 'content-type': file.contentType, 'content-length': String(file.bytes.length) }).end(file.bytes);
  }

  private async batchSend(req: IncomingMessage, body: Record<string, unknown>, res: ServerResponse): Promise<void> {
    const token = req.headers['x-acs-dingtalk-access-token'];
    if (typeof token !== 'string' || !this.validTokens.has(token)) {
      send(res, 400, { code: 'InvalidAuthentication', message: '不合法的access_token' });
      return;
    }
    this.batchSends.push({
      robotCode: String(body.robotCode),
      userIds: body.userIds as string[],
      msgKey: String(body.msgKey),
      msgParam: JSON.parse(String(body.msgParam)) as Record<string, unknown>,
    });
    if (this.sendDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.sendDelayMs));
    send(res, 200, { processQueryKey: `query-${this.batchSends.length}`, invalidStaffIdList: [], flowControlledStaffIdList: [] });
  }

  /** groupMessages/send: {msgParam, msgKey, openConversationId, robotCode} → {processQueryKey}. */
  private groupMessage(req: IncomingMessage, body: Record<string, unknown>, res: ServerResponse): void {
    const token = req.headers['x-acs-dingtalk-access-token'];
    if (typeof token !== 'string' || !this.validTokens.has(token)) {
      send(res, 400, { code: 'InvalidAuthentication', message: '不合法的access_token' });
      return;
    }
    if (typeof body.openConversationId !== 'string' || !body.openConversationId) {
      send(res, 400, { code: 'invalidParameter.openConversationId', message: 'openConversationId 不能为空' });
      return;
    }
    this.groupMessages.push({
      robotCode: String(body.robotCode),
      openConversationId: body.openConversationId,
      msgKey: String(body.msgKey),
      msgParam: JSON.parse(String(body.msgParam)) as Record<string, unknown>,
    });
    send(res, 200, { processQueryKey: `group-${this.groupMessages.length}` });
  }

  private card(route: 'cardSend' | 'cardUpdate', req: IncomingMessage, body: Record<string, unknown>, res: ServerResponse): void {
    const token = req.headers['x-acs-dingtalk-access-token'];
    if (typeof token !== 'string' || !this.validTokens.has(token)) {
      send(res, 400, { code: 'InvalidAuthentication', message: '不合法的access_token' });
      return;
    }
    const cardBizId = String(body.cardBizId ?? '');
    const cardData = JSON.parse(String(body.cardData ?? '{}')) as Record<string, unknown>;
    const existing = this.cards.get(cardBizId);
    if (route === 'cardUpdate') {
      if (!existing) {
        send(res, 400, { code: 'param.cardBizIdNotExist', message: '卡片不存在' });
        return;
      }
      existing.history.push(existing.cardData);
      existing.cardData = cardData;
      send(res, 200, { success: true, result: true });
      return;
    }
    if (existing || !cardBizId || body.robotCode === undefined) {
      send(res, 400, { code: 'param.invalid', message: 'cardBizId exists or missing' });
      return;
    }
    const receiver = (JSON.parse(String(body.singleChatReceiver ?? '{}')) as { userId?: string }).userId ?? '';
    this.cards.set(cardBizId, { cardBizId, cardTemplateId: String(body.cardTemplateId), receiver, cardData, history: [] });
    send(res, 200, { processQueryKey: `card-${this.cards.size}` });
  }

  private groupPush(url: URL, body: Record<string, unknown>, res: ServerResponse): void {
    const timestamp = url.searchParams.get('timestamp') ?? '';
    const sign = url.searchParams.get('sign') ?? '';
    const now = this.options.now?.() ?? Date.now();
    const fresh = /^\d+$/.test(timestamp) && Math.abs(now - Number(timestamp)) <= 60 * 60 * 1000;
    const tokenOk = url.searchParams.get('access_token') === (this.options.groupAccessToken ?? 'group-token');
    if (!tokenOk || !fresh || sign !== dingtalkSign(timestamp, this.options.groupSecret ?? '')) {
      this.rejectedGroupSigns += 1;
      send(res, 200, { errcode: 310000, errmsg: 'sign not match' });
      return;
    }
    this.groupPushes.push(body);
    send(res, 200, { errcode: 0, errmsg: 'ok' });
  }
}

function routeOf(method: string | undefined, path: string): FakeRoute | undefined {
  if (method === 'GET' && path === '/gettoken') return 'oapiToken';
  if (method === 'PUT' && path === '/v1.0/im/robots/interactiveCards') return 'cardUpdate';
  if (method === 'POST' && path === '/v1.0/im/v1.0/robot/interactiveCards/send') return 'cardSend';
  if (method === 'POST' && /^\/v1\.0\/todo\/users\/[^/]+\/tasks$/.test(path)) return 'todoCreate';
  if (method === 'PUT' && /^\/v1\.0\/todo\/users\/[^/]+\/tasks\/[^/]+$/.test(path)) return 'todoUpdate';
  if (method === 'POST' && path === '/topapi/v2/user/get') return 'userGet';
  if (method === 'POST' && path === '/topapi/v2/user/getuserinfo') return 'userByCode';
  if (/^\/v1\.0\/calendar\/users\/[^/]+\/calendars\/[^/]+\/events(\/[^/]+)?$/.test(path)) return 'calendar';
  if (method === 'GET' && path === '/download') return 'download';
  if (method !== 'POST') return undefined;
  if (path === '/media/upload') return 'upload';
  if (path === '/v1.0/oauth2/accessToken') return 'token';
  if (path === '/v1.0/robot/oToMessages/batchSend') return 'batchSend';
  if (path === '/v1.0/robot/groupMessages/send') return 'groupMessage';
  if (path === '/v1.0/robot/messageFiles/download') return 'fileDownload';
  if (path === '/robot/sendBySession') return 'session';
  if (path === '/robot/send') return 'group';
  return undefined;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, json: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
}
