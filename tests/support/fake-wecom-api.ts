/**
 * A local stand-in for qyapi.weixin.qq.com: gettoken and message/send as documented
 * (PROTOCOLS.md §2). Records what was sent and counts token requests.
 */
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

  async function send(url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const token = url.searchParams.get('access_token') ?? '';
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (expiredTokens.has(token)) return json(res, { errcode: 42001, errmsg: 'access_token expired' });
    if (!liveTokens.has(token)) return json(res, { errcode: 40014, errmsg: 'invalid access_token' });
    if (nextSendError !== undefined) {
      const errcode = nextSendError;
      nextSendError = undefined;
      return json(res, { errcode, errmsg: 'fake failure' });
    }
    sends.push({ accessToken: token, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> });
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
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    sends,
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
