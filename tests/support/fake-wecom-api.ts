/**
 * A local stand-in for qyapi.weixin.qq.com: gettoken, message/send, media/upload, media/get and update_template_card as
 * documented (PROTOCOLS.md §2; 上传临时素材; 更新模版卡片消息: a button card's send answers a response_code, which
 * changes that card once), and auth/getuserinfo (获取访问用户身份: a web-authorization code, used once, names a member
 * by userid or a non-member by openid; an unknown or used code answers 40029 invalid code). Records what was sent, uploaded and updated, and counts token requests.
 */
import { MEDIA_TYPES, readMediaPart, type RecordedUpload } from './fake-media-upload';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedSend {
  accessToken: string;
  body: Record<string, unknown>;
}

/** A 日程 as it stands (oa/schedule/add, update, del, get): attendees with their response_status (0 未处理 … 2 接受, 4 拒绝). */
export interface FakeSchedule {
  schedule_id: string;
  summary: string;
  description: string;
  location: string;
  start_time: number;
  end_time: number;
  attendees: { userid: string; response_status: number }[];
  reminders: Record<string, unknown>;
  /** 0 after del (WeCom keeps no cancelled schedule; the fake keeps it to show it was deleted). */
  status: 1 | 0;
  updates: number;
}

export interface FakeWecomApi {
  baseUrl: string;
  /** 日程 by schedule_id. */
  schedules: Map<string, FakeSchedule>;
  /** Accepted message/send bodies, in arrival order. */
  sends: RecordedSend[];
  uploads: RecordedUpload[];
  /** Accepted update_template_card bodies, in arrival order. */
  cardUpdates: RecordedSend[];
  /** The card each response_code was issued for: the message/send body and its recipients. */
  cardsByResponseCode: Map<string, RecordedSend>;
  /**
   * Media a user "sent": media/get (获取临时素材) serves it by media_id with its Content-Type and Content-disposition,
   * as WeCom does; an unknown id answers JSON errcode 40007.
   */
  addMedia(mediaId: string, media: { bytes: Buffer; contentType: string; filename: string }): void;
  /**
   * A code WeCom's OAuth page would hand the browser of `who` (snsapi_base): auth/getuserinfo answers the member's
   * userid, or for `{ openid }` a non-member's openid only. Usable once.
   */
  addAuthCode(code: string, who: string | { openid: string }): void;
  /** media_ids fetched through media/get, in order. */
  mediaGets: string[];
  gettokenCalls(): number;
  /** Every token issued so far now answers 42001, as when WeCom expires a token early. */
  expireIssuedTokens(): void;
  /** The next message/send answers this errcode (once). */
  failNextSend(errcode: number): void;
  /** Resolves when `count` sends have been accepted. */
  waitForSends(count: number): Promise<RecordedSend[]>;
  close(): Promise<void>;
}

export async function startFakeWecomApi(credentials: { corpId: string; secret: string }): Promise<FakeWecomApi> {
  const sends: RecordedSend[] = [];
  const uploads: RecordedUpload[] = [];
  const cardUpdates: RecordedSend[] = [];
  const cardsByResponseCode = new Map<string, RecordedSend>();
  const usedResponseCodes = new Set<string>();
  const liveTokens = new Set<string>();
  const expiredTokens = new Set<string>();
  const waiters: { count: number; resolve: (sends: RecordedSend[]) => void }[] = [];
  const media = new Map<string, { bytes: Buffer; contentType: string; filename: string }>();
  const mediaGets: string[] = [];
  const authCodes = new Map<string, string | { openid: string }>();
  let issued = 0;
  let nextSendError: number | undefined;
  const schedules = new Map<string, FakeSchedule>();
  const REMIND_BEFORE = [0, 300, 900, 3600, 86400];

  /** oa/schedule/*: 40014/42001 for a bad token, 40058 (invalid parameter) for a missing or invalid field or an unknown id. */
  async function schedule(action: string, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const refused = tokenError(url.searchParams.get('access_token') ?? '');
    if (refused) return json(res, refused);
    // biome-ignore lint/suspicious/noExplicitAny: the fake reads the documented JSON loosely
    const body = JSON.parse((await readAll(req)).toString('utf8') || '{}') as Record<string, any>;
    const invalid = { errcode: 40058, errmsg: 'invalid Request Parameter' };
    if (action === 'get') {
      const ids = body.schedule_id_list;
      if (!Array.isArray(ids) || ids.length === 0) return json(res, invalid);
      const list = ids.flatMap((id: string) => (schedules.get(id)?.status === 1 ? [schedules.get(id)!] : []));
      return json(res, { errcode: 0, errmsg: 'ok', schedule_list: list });
    }
    if (action === 'del') {
      const found = schedules.get(String(body.schedule_id));
      if (!found || found.status === 0) return json(res, invalid);
      found.status = 0;
      return json(res, { errcode: 0, errmsg: 'ok' });
    }
    // biome-ignore lint/suspicious/noExplicitAny: the fake reads the documented JSON loosely
    const given = body.schedule as Record<string, any> | undefined;
    if (!given || typeof given.start_time !== 'number' || typeof given.end_time !== 'number' || given.end_time <= given.start_time) return json(res, invalid);
    const before = given.reminders?.remind_before_event_secs;
    if (before !== undefined && !REMIND_BEFORE.includes(before)) return json(res, invalid);
    if (action === 'add' && typeof body.agentid !== 'number') return json(res, invalid);
    const existing = action === 'update' ? schedules.get(String(given.schedule_id)) : undefined;
    if (action === 'update' && (!existing || existing.status === 0)) return json(res, invalid);
    const status = new Map((existing?.attendees ?? []).map((a) => [a.userid, a.response_status]));
    const next: FakeSchedule = {
      schedule_id: existing?.schedule_id ?? `fake-schedule-${schedules.size + 1}`,
      summary: String(given.summary ?? ''),
      description: String(given.description ?? ''),
      location: String(given.location ?? ''),
      start_time: given.start_time,
      end_time: given.end_time,
      attendees: (given.attendees ?? []).map((a: { userid: string }) => ({ userid: a.userid, response_status: status.get(a.userid) ?? 0 })),
      reminders: given.reminders ?? {},
      status: 1,
      updates: existing ? existing.updates + 1 : 0,
    };
    schedules.set(next.schedule_id, next);
    return json(res, action === 'add' ? { errcode: 0, errmsg: 'ok', schedule_id: next.schedule_id } : { errcode: 0, errmsg: 'ok' });
  }

  function json(res: ServerResponse, body: object): void {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  function gettoken(url: URL, res: ServerResponse): void {
    issued += 1;
    if (url.searchParams.get('corpid') !== credentials.corpId || url.searchParams.get('corpsecret') !== credentials.secret) {
      json(res, { errcode: 40001, errmsg: 'invalid credential' });
      return;
    }
    const token = `token-${issued}`;
    liveTokens.add(token);
    json(res, { errcode: 0, errmsg: 'ok', access_token: token, expires_in: 7200 });
  }

  /** The errcode WeCom gives a stale or unknown token, or undefined for a live one. */
  function tokenError(token: string): object | undefined {
    if (expiredTokens.has(token)) return { errcode: 42001, errmsg: 'access_token expired' };
    if (!liveTokens.has(token)) return { errcode: 40014, errmsg: 'invalid access_token' };
    return undefined;
  }

  async function readAll(req: IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async function upload(url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const token = url.searchParams.get('access_token') ?? '';
    const type = url.searchParams.get('type') ?? '';
    const body = await readAll(req);
    const refused = tokenError(token);
    if (refused) return json(res, refused);
    if (!MEDIA_TYPES.includes(type)) return json(res, { errcode: 40004, errmsg: 'invalid media type' });
    const media = await readMediaPart(req.headers['content-type'] ?? '', body);
    if (!media || media.bytes.length <= 5) return json(res, { errcode: 41005, errmsg: 'media data missing' });
    const mediaId = `media-${uploads.length + 1}`;
    uploads.push({ accessToken: token, type, ...media, mediaId });
    json(res, { errcode: 0, errmsg: '', type, media_id: mediaId, created_at: String(Math.floor(Date.now() / 1000)) });
  }

  async function send(url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const token = url.searchParams.get('access_token') ?? '';
    const body = await readAll(req);
    const refused = tokenError(token);
    if (refused) return json(res, refused);
    if (nextSendError !== undefined) {
      const errcode = nextSendError;
      nextSendError = undefined;
      return json(res, { errcode, errmsg: 'fake failure' });
    }
    const recorded = { accessToken: token, body: JSON.parse(body.toString('utf8')) as Record<string, unknown> };
    sends.push(recorded);
    for (const waiter of waiters.filter((w) => sends.length >= w.count)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve([...sends]);
    }
    const card = (recorded.body.template_card as { card_type?: string } | undefined)?.card_type === 'button_interaction';
    const responseCode = card ? `rc-${sends.length}` : undefined;
    if (responseCode) cardsByResponseCode.set(responseCode, recorded);
    json(res, { errcode: 0, errmsg: 'ok', invaliduser: '', msgid: `msg-${sends.length}`, ...(responseCode && { response_code: responseCode }) });
  }

  function getMedia(url: URL, res: ServerResponse): void {
    const refused = tokenError(url.searchParams.get('access_token') ?? '');
    const id = url.searchParams.get('media_id') ?? '';
    const found = media.get(id);
    if (refused || !found) {
      json(res, refused ?? { errcode: 40007, errmsg: 'invalid media_id' });
      return;
    }
    mediaGets.push(id);
    res
      .writeHead(200, {
        'content-type': found.contentType,
        'content-length': String(found.bytes.length),
        'content-disposition': `attachment; filename="media.${found.filename.split('.').pop()}"; filename*=UTF-8''${encodeURIComponent(found.filename)}`,
      })
      .end(found.bytes);
  }

  function authUser(url: URL, res: ServerResponse): void {
    const refused = tokenError(url.searchParams.get('access_token') ?? '');
    const code = url.searchParams.get('code') ?? '';
    const who = authCodes.get(code);
    if (refused || who === undefined) {
      json(res, refused ?? { errcode: 40029, errmsg: 'invalid code' });
      return;
    }
    authCodes.delete(code);
    json(
      res,
      typeof who === 'string' ? { errcode: 0, errmsg: 'ok', userid: who, user_ticket: `ticket-${who}` } : { errcode: 0, errmsg: 'ok', openid: who.openid },
    );
  }

  /** update_template_card: a response_code of a sent button card, used once, for users that card went to. */
  async function updateCard(url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const token = url.searchParams.get('access_token') ?? '';
    const body = JSON.parse((await readAll(req)).toString('utf8')) as Record<string, unknown>;
    const refused = tokenError(token);
    if (refused) return json(res, refused);
    const code = String(body.response_code ?? '');
    const card = cardsByResponseCode.get(code);
    if (!card || usedResponseCodes.has(code)) return json(res, { errcode: 40078, errmsg: 'invalid response_code' });
    const cardUsers = String(card.body.touser ?? '').split('|');
    const users = Array.isArray(body.userids) ? (body.userids as string[]) : [];
    if (!users.length || users.some((user) => !cardUsers.includes(user))) return json(res, { errcode: 81013, errmsg: 'user not in card' });
    usedResponseCodes.add(code);
    cardUpdates.push({ accessToken: token, body });
    json(res, { errcode: 0, errmsg: 'ok', invaliduser: [] });
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (req.method === 'GET' && url.pathname === '/cgi-bin/gettoken') return gettoken(url, res);
    if (req.method === 'GET' && url.pathname === '/cgi-bin/media/get') return getMedia(url, res);
    if (req.method === 'GET' && url.pathname === '/cgi-bin/auth/getuserinfo') return authUser(url, res);
    if (req.method === 'POST' && url.pathname === '/cgi-bin/message/send') {
      send(url, req, res).catch(() => res.writeHead(500).end());
      return;
    }
    if (req.method === 'POST' && url.pathname === '/cgi-bin/message/update_template_card') {
      updateCard(url, req, res).catch(() => res.writeHead(500).end());
      return;
    }
    const scheduleAction = /^\/cgi-bin\/oa\/schedule\/(add|update|del|get)$/.exec(url.pathname)?.[1];
    if (req.method === 'POST' && scheduleAction) {
      schedule(scheduleAction, url, req, res).catch(() => res.writeHead(500).end());
      return;
    }
    if (req.method === 'POST' && url.pathname === '/cgi-bin/media/upload') {
      upload(url, req, res).catch(() => res.writeHead(500).end());
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    schedules,
    sends,
    uploads,
    cardUpdates,
    cardsByResponseCode,
    mediaGets,
    addMedia: (mediaId, item) => void media.set(mediaId, item),
    addAuthCode: (code, who) => void authCodes.set(code, who),
    gettokenCalls: () => issued,
    expireIssuedTokens() {
      for (const token of liveTokens) expiredTokens.add(token);
      liveTokens.clear();
    },
    failNextSend(errcode) {
      nextSendError = errcode;
    },
    waitForSends(count) {
      if (sends.length >= count) return Promise.resolve([...sends]);
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
