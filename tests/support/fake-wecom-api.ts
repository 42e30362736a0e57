/**
 * A local stand-in for qyapi.weixin.qq.com: gettoken, message/send and media/upload as documented
 * (PROTOCOLS.md §2; 上传临时素材). Records what was sent and uploaded and counts token requests.
 */
import { MEDIA_TYPES, readMediaPart, type RecordedUpload } from './fake-media-upload';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedSend {
  accessToken: string;
  body: Record<string, unknown>;
}

export interface FakeWecomApi {
  baseUrl: string;
  /** Accepted message/send bodies, in arrival order. */
  sends: RecordedSend[];
  uploads: RecordedUpload[];
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
  const liveTokens = new Set<string>();
  const expiredTokens = new Set<string>();
  const waiters: { count: number; resolve: (sends: RecordedSend[]) => void }[] = [];
  let issued = 0;
  let nextSendError: number | undefined;

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
    sends.push({ accessToken: token, body: JSON.parse(body.toString('utf8')) as Record<string, unknown> });
    for (const waiter of waiters.filter((w) => sends.length >= w.count)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve([...sends]);
    }
    json(res, { errcode: 0, errmsg: 'ok', invaliduser: '', msgid: `msg-${sends.length}` });
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (req.method === 'GET' && url.pathname === '/cgi-bin/gettoken') return gettoken(url, res);
    if (req.method === 'POST' && url.pathname === '/cgi-bin/message/send') {
      send(url, req, res).catch(() => res.writeHead(500).end());
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
    sends,
    uploads,
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
