import { MEDIA_TYPES, readMediaPart, type RecordedUpload } from './fake-media-upload';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dingtalkSign } from './dingtalk-client';

/**
 * A local HTTP fake of the DingTalk endpoints the bot calls, following the documented shapes:
 * POST /v1.0/oauth2/accessToken, POST /v1.0/robot/oToMessages/batchSend, a sessionWebhook, a
 * custom-robot group webhook with 加签, the robot's interactive cards (POST /v1.0/im/v1.0/robot/interactiveCards/send,
 * PUT /v1.0/im/robots/interactiveCards by cardBizId), and on the old host GET /gettoken and POST /media/upload.
 * It records every call, counts token fetches, can expire tokens and can fail the next calls of a route.
 */

export type FakeRoute = 'token' | 'batchSend' | 'session' | 'group' | 'oapiToken' | 'upload' | 'cardSend' | 'cardUpdate';

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
  readonly sessionReplies: { session: string; body: Record<string, unknown> }[] = [];
  readonly groupPushes: Record<string, unknown>[] = [];
  /** Interactive cards by cardBizId; an update changes the card in place. */
  readonly cards = new Map<string, FakeCard>();
  /** Every group-webhook request whose timestamp/sign failed the check. */
  rejectedGroupSigns = 0;
  /** How long a batchSend takes to answer after it was accepted (a slow platform widens the time a send is in flight). */
  sendDelayMs = 0;

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
    if (route === 'upload') return this.upload(url, req, raw, res);
    const body = JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>;
    if (route === 'token') return this.issueToken(body, res);
    if (route === 'batchSend') return this.batchSend(req, body, res);
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
  if (method !== 'POST') return undefined;
  if (path === '/media/upload') return 'upload';
  if (path === '/v1.0/oauth2/accessToken') return 'token';
  if (path === '/v1.0/robot/oToMessages/batchSend') return 'batchSend';
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
