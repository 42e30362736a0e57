/**
 * A local stand-in for WeCom's AI-bot long-connection server (wss://openws.work.weixin.qq.com, doc 101463, and the
 * frames of the official @wecom/aibot-node-sdk): `aibot_subscribe` with bot_id + secret is answered
 * `{headers:{req_id}, errcode:0, errmsg:"ok"}`; `ping` the same; user messages arrive as `aibot_msg_callback`,
 * events as `aibot_event_callback`; the bot answers a callback with `aibot_respond_msg` (or
 * `aibot_respond_welcome_msg`) under the callback's req_id and pushes with `aibot_send_msg {chatid, msgtype, …}`.
 * A second authenticated connection of the same bot gets the first one a `disconnected_event`, then closes it.
 *
 * An image or file message carries a download `url` (served by this fake over HTTP) and an `aeskey`: the bytes are
 * AES-256-CBC encrypted with key = base64-decoded aeskey, IV = its first 16 bytes, PKCS#7-padded to 32-byte blocks
 * (doc 101463 多媒体资源解密; the SDK's decryptFile).
 *
 * Assumption of this fake (not found in the docs): a callback that got no answer is pushed again, with a new
 * req_id and the same msgid ("用于事件排重"), when the bot connects again.
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface RecordedFrame {
  cmd: string;
  body: Record<string, unknown>;
}

interface Callback {
  msgid: string;
  reqId: string;
  cmd: 'aibot_msg_callback' | 'aibot_event_callback';
  body: Record<string, unknown>;
}

interface Peer {
  socket: WebSocket;
  authenticated: boolean;
  /** Killed silently: it neither reads nor writes any more, and is never closed. */
  dead: boolean;
}

export class FakeWecomAibot {
  /** Answers to callbacks, by msgid (each answered callback once). */
  readonly answers = new Map<string, RecordedFrame>();
  /** Every aibot_respond_* frame received, duplicates included. */
  readonly respondFrames: RecordedFrame[] = [];
  /** aibot_send_msg bodies, in arrival order. */
  readonly pushes: Record<string, unknown>[] = [];
  /** Authenticated connections so far. */
  connections = 0;
  pings = 0;
  /** Paths of the media downloads served. */
  readonly mediaGets: string[] = [];
  private readonly media = new Map<string, { encrypted: Buffer; filename?: string }>();
  private readonly server: WebSocketServer;
  private readonly unanswered = new Map<string, Callback>();
  private current: Peer | undefined;
  private sequence = 0;

  private constructor(
    private readonly credentials: { botId: string; secret: string },
    private readonly http: Server,
  ) {
    this.server = new WebSocketServer({ server: http });
    this.server.on('connection', (socket) => this.accept(socket));
    http.on('request', (req, res) => {
      const path = req.url ?? '';
      this.mediaGets.push(path);
      const item = this.media.get(path);
      if (!item) return void res.writeHead(404).end();
      // The CDN serves the encrypted blob as such: no type of the content inside.
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        ...(item.filename && { 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(item.filename)}` }),
      });
      res.end(item.encrypted);
    });
  }

  static async start(credentials: { botId: string; secret: string }): Promise<FakeWecomAibot> {
    const http = createServer();
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
    return new FakeWecomAibot(credentials, http);
  }

  private get port(): number {
    return (this.http.address() as AddressInfo).port;
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /** A user's text message; returns its msgid. */
  userSays(userId: string, content: string): string {
    return this.callback('aibot_msg_callback', { msgtype: 'text', text: { content } }, userId);
  }

  /**
   * The user sends an image or a file: served encrypted under a fresh URL with its own aeskey; `expired`: the URL
   * (valid five minutes) no longer serves it (404).
   */
  userSendsMedia(userId: string, kind: 'image' | 'file', bytes: Buffer, options: { filename?: string; expired?: boolean } = {}): string {
    const { filename, expired } = options;
    const key = randomBytes(32);
    const pad = 32 - (bytes.length % 32);
    const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
    const encrypted = Buffer.concat([cipher.update(Buffer.concat([bytes, Buffer.alloc(pad, pad)])), cipher.final()]);
    const path = `/media/${randomBytes(8).toString('hex')}`;
    if (!expired) this.media.set(path, { encrypted, filename });
    const item = { url: `http://127.0.0.1:${this.port}${path}`, aeskey: key.toString('base64') };
    return this.callback('aibot_msg_callback', { msgtype: kind, [kind]: item }, userId);
  }

  /** The user opens the bot's chat for the first time today. */
  userEnters(userId: string): string {
    return this.callback('aibot_event_callback', { msgtype: 'event', event: { eventtype: 'enter_chat' } }, userId);
  }

  /** Ends the current connection the way a dead NAT or proxy does: no close frame, nothing read or written. */
  killSilently(): void {
    if (this.current) this.current.dead = true;
    this.current = undefined;
  }

  /** Resolves when `check` holds (polled). */
  async until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    const started = Date.now();
    while (!check()) {
      if (Date.now() - started > timeoutMs) throw new Error(`fake aibot: timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async close(): Promise<void> {
    for (const socket of this.server.clients) socket.terminate();
    await new Promise((resolve) => this.server.close(() => resolve(undefined)));
    this.http.closeAllConnections();
    await new Promise((resolve) => this.http.close(() => resolve(undefined)));
  }

  private callback(cmd: Callback['cmd'], content: Record<string, unknown>, userId: string): string {
    this.sequence += 1;
    const msgid = `msg-${this.sequence}-${randomBytes(4).toString('hex')}`;
    const body = { msgid, aibotid: this.credentials.botId, chattype: 'single', from: { userid: userId }, create_time: Date.now(), ...content };
    const callback: Callback = { msgid, reqId: newReqId(), cmd, body };
    this.unanswered.set(msgid, callback);
    this.push(callback);
    return msgid;
  }

  private push(callback: Callback): void {
    const peer = this.current;
    if (!peer?.authenticated || peer.dead) return;
    peer.socket.send(JSON.stringify({ cmd: callback.cmd, headers: { req_id: callback.reqId }, body: callback.body }));
  }

  private accept(socket: WebSocket): void {
    const peer: Peer = { socket, authenticated: false, dead: false };
    socket.on('error', () => {});
    socket.on('message', (data) => {
      if (peer.dead) return;
      const frame = JSON.parse(data.toString()) as { cmd?: string; headers?: { req_id?: string }; body?: Record<string, unknown> };
      const reqId = frame.headers?.req_id ?? '';
      const ack = (errcode: number, errmsg: string) => socket.send(JSON.stringify({ headers: { req_id: reqId }, errcode, errmsg }));
      if (frame.cmd === 'aibot_subscribe') {
        if (frame.body?.bot_id !== this.credentials.botId || frame.body?.secret !== this.credentials.secret) return ack(40001, 'invalid credential');
        peer.authenticated = true;
        this.connections += 1;
        this.takeOver(peer);
        return ack(0, 'ok');
      }
      if (!peer.authenticated) return ack(40001, 'not subscribed');
      switch (frame.cmd) {
        case 'ping':
          this.pings += 1;
          return ack(0, 'ok');
        case 'aibot_respond_msg':
        case 'aibot_respond_welcome_msg': {
          const callback = [...this.unanswered.values()].find((c) => c.reqId === reqId);
          if (!callback) return ack(846608, 'req_id expired or unknown');
          const recorded = { cmd: frame.cmd, body: frame.body ?? {} };
          this.respondFrames.push(recorded);
          this.answers.set(callback.msgid, recorded);
          this.unanswered.delete(callback.msgid);
          return ack(0, 'ok');
        }
        case 'aibot_send_msg':
          this.pushes.push(frame.body ?? {});
          return ack(0, 'ok');
        default:
          return ack(40058, 'unknown cmd');
      }
    });
  }

  /** A newer connection replaces the older one (disconnected_event, then close); unanswered callbacks come again. */
  private takeOver(peer: Peer): void {
    const previous = this.current;
    this.current = peer;
    if (previous && !previous.dead) {
      previous.socket.send(
        JSON.stringify({
          cmd: 'aibot_event_callback',
          headers: { req_id: newReqId() },
          body: {
            msgid: `kick-${this.sequence}`,
            aibotid: this.credentials.botId,
            from: { userid: '' },
            msgtype: 'event',
            event: { eventtype: 'disconnected_event' },
          },
        }),
      );
      previous.socket.close();
    }
    for (const callback of this.unanswered.values()) {
      callback.reqId = newReqId();
      this.push(callback);
    }
  }
}

function newReqId(): string {
  return randomBytes(8).toString('hex');
}
