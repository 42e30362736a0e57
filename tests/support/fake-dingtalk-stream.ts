/**
 * A local stand-in for DingTalk's Stream gateway (developerpedia docs/learn/stream/protocol.md and the official
 * dingtalk-stream SDK): `POST /v1.0/gateway/connections/open {clientId, clientSecret, subscriptions}` answers
 * `{endpoint, ticket}`; the WebSocket `endpoint?ticket=` takes each ticket once; robot messages are pushed as
 * CALLBACK frames on topic /v1.0/im/bot/messages/get and must be acked with their messageId; an unacked one is
 * pushed again (DingTalk does so after about 60 s; this fake on the next connection, at once). Every other request
 * is passed to the FakeDingTalkApi behind it, so one DINGTALK_API_BASE serves both.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { TOPIC_ROBOT } from 'dingtalk-stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { robotFrame } from './dingtalk-stream-frames';

interface Peer {
  socket: WebSocket;
  dead: boolean;
}

export class FakeDingTalkStream {
  /** messageIds acked by the bot, in order (a re-pushed frame keeps its messageId). */
  readonly acks: string[] = [];
  connections = 0;
  private readonly server: Server;
  private readonly sockets: WebSocketServer;
  private readonly tickets = new Set<string>();
  private readonly unacked = new Map<string, unknown>();
  private current: Peer | undefined;
  private sequence = 0;

  private constructor(
    private readonly app: { appKey: string; appSecret: string },
    private readonly apiBase: string,
  ) {
    this.server = createServer((req, res) => void this.http(req, res).catch(() => res.writeHead(500).end()));
    this.sockets = new WebSocketServer({ server: this.server, path: '/connect' });
    this.sockets.on('connection', (socket, request) => this.accept(socket, request));
  }

  static async start(app: { appKey: string; appSecret: string }, apiBase: string): Promise<FakeDingTalkStream> {
    const fake = new FakeDingTalkStream(app, apiBase);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** For DINGTALK_API_BASE. */
  get base(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Pushes a robot message (the callback body) as a new frame; returns its messageId. */
  robotSays(body: unknown): string {
    this.sequence += 1;
    const messageId = `frame-${this.sequence}-${randomBytes(3).toString('hex')}`;
    this.unacked.set(messageId, body);
    this.push(messageId, body);
    return messageId;
  }

  /** The connection dies the way a NAT timeout leaves it: no close frame, no pong, nothing more sent. */
  killSilently(): void {
    const peer = this.current;
    if (!peer) return;
    peer.dead = true;
    (peer.socket as unknown as { _socket: Socket })._socket.pause();
    this.current = undefined;
  }

  async until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    const started = Date.now();
    while (!check()) {
      if (Date.now() - started > timeoutMs) throw new Error(`fake stream: timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async close(): Promise<void> {
    for (const socket of this.sockets.clients) socket.terminate();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(() => resolve(undefined)));
  }

  private push(messageId: string, body: unknown): void {
    if (this.current && !this.current.dead) this.current.socket.send(robotFrame(messageId, body));
  }

  private async http(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    if (req.method === 'POST' && req.url === '/v1.0/gateway/connections/open') {
      const body = JSON.parse(raw.toString('utf8') || '{}') as { clientId?: string; clientSecret?: string; subscriptions?: { topic?: string }[] };
      if (body.clientId !== this.app.appKey || body.clientSecret !== this.app.appSecret) {
        res
          .writeHead(400, { 'content-type': 'application/json' })
          .end(JSON.stringify({ code: 'invalidClientIdOrSecret', message: '无效的clientId或者clientSecret' }));
        return;
      }
      if (!body.subscriptions?.some((s) => s.topic === TOPIC_ROBOT)) {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'invalidParameter', message: 'subscriptions' }));
        return;
      }
      const ticket = randomBytes(8).toString('hex');
      this.tickets.add(ticket);
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ endpoint: `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/connect`, ticket }));
      return;
    }
    const forwarded = await fetch(this.apiBase + (req.url ?? '/'), {
      method: req.method,
      headers: Object.fromEntries(
        Object.entries(req.headers).filter(([name, value]) => typeof value === 'string' && name !== 'host' && name !== 'content-length'),
      ) as Record<string, string>,
      body: req.method === 'GET' || req.method === 'HEAD' ? undefined : raw,
    });
    res
      .writeHead(forwarded.status, { 'content-type': forwarded.headers.get('content-type') ?? 'application/json' })
      .end(Buffer.from(await forwarded.arrayBuffer()));
  }

  private accept(socket: WebSocket, request: IncomingMessage): void {
    const ticket = new URL(request.url ?? '/', 'http://x').searchParams.get('ticket') ?? '';
    socket.on('error', () => {});
    if (!this.tickets.delete(ticket)) {
      socket.close(4001, 'invalid ticket');
      return;
    }
    const peer: Peer = { socket, dead: false };
    this.current = peer;
    this.connections += 1;
    socket.on('message', (data) => {
      if (peer.dead) return;
      const frame = JSON.parse(data.toString()) as { code?: number; headers?: { messageId?: string } };
      const messageId = frame.headers?.messageId;
      if (frame.code !== 200 || !messageId) return;
      this.unacked.delete(messageId);
      this.acks.push(messageId);
    });
    for (const [messageId, body] of this.unacked) this.push(messageId, body);
  }
}
