import WebSocket from 'ws';
import { errorSummary, type Logger } from '../kernel/logger';

/**
 * An outbound WebSocket that the bot keeps open (DingTalk Stream, WeCom AI bot): it sends an application-level
 * heartbeat, and a watchdog ends the socket when nothing (not even the heartbeat's answer) arrived for
 * `silenceMs` — a half-dead connection (no close frame, no FIN) is otherwise never noticed, and the messages
 * the platform pushes into it are lost. Then it reconnects with a doubling backoff. Wall time, not the
 * injected Clock: this is about a socket, not about the calendar.
 */

export type ConnectionState = 'connecting' | 'open' | 'down' | 'stopped' | 'standby' | 'kicked';

/** What /readyz and /metrics show of one long connection. */
export interface ConnectionHealth {
  name: string;
  state: ConnectionState;
  /** Last frame of any kind received (ms since epoch), 0 before the first. */
  lastFrameAt: number;
  /** Last platform message (not heartbeat) received, 0 before the first. */
  lastMessageAt: number;
  /** Connections opened after the first one. */
  reconnects: number;
}

export interface LongConnectionTimings {
  heartbeatMs: number;
  /** No frame for this long ends the socket (more than one heartbeat interval). */
  silenceMs: number;
  /** First reconnect delay; doubled each failure up to maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
}

/** The defaults of CONNECTION_HEARTBEAT_MS and CONNECTION_SILENCE_MS. */
export const DEFAULT_TIMINGS: LongConnectionTimings = { heartbeatMs: 30_000, silenceMs: 75_000, backoffMs: 1_000, maxBackoffMs: 30_000 };

/** Heartbeat and silence from the environment (CONNECTION_HEARTBEAT_MS, CONNECTION_SILENCE_MS); backoff 1 s doubling to 30 s, within both. */
export function connectionTimings(env: { CONNECTION_HEARTBEAT_MS: number; CONNECTION_SILENCE_MS: number }): LongConnectionTimings {
  const heartbeatMs = env.CONNECTION_HEARTBEAT_MS;
  return {
    heartbeatMs,
    silenceMs: env.CONNECTION_SILENCE_MS,
    backoffMs: Math.min(1_000, heartbeatMs),
    maxBackoffMs: Math.min(30_000, env.CONNECTION_SILENCE_MS),
  };
}

/** The platform-specific half: where to connect, what to say first, how to ping, what a frame means. */
export interface LongConnectionProtocol {
  /** The URL to open (DingTalk asks its gateway for a one-time ticket first). */
  url(): Promise<string>;
  /** Sent once the socket is open (WeCom's aibot_subscribe). */
  hello?(): string | undefined;
  /** The heartbeat frame, or undefined to use a WebSocket ping (answered by a pong). */
  heartbeat(): string | undefined;
  /** Handles one text frame; returns whether it was a platform message (for lastMessageAt). */
  onFrame(frame: string, send: (data: string) => void): boolean;
}

export class LongConnection {
  private socket: WebSocket | undefined;
  private timer: NodeJS.Timeout | undefined;
  private retry: NodeJS.Timeout | undefined;
  private failures = 0;
  private opened = 0;
  private readonly health: ConnectionHealth;

  constructor(
    name: string,
    private readonly protocol: LongConnectionProtocol,
    private readonly logger: Logger,
    private readonly timings: LongConnectionTimings,
  ) {
    this.health = { name, state: 'stopped', lastFrameAt: 0, lastMessageAt: 0, reconnects: 0 };
  }

  snapshot(): ConnectionHealth {
    return { ...this.health };
  }

  /** Marks a state that is not about the socket (standby: another process holds it; kicked: the platform said so). */
  mark(state: 'standby' | 'kicked'): void {
    this.health.state = state;
  }

  get isOpen(): boolean {
    return this.health.state === 'open' && this.socket?.readyState === WebSocket.OPEN;
  }

  /** Sends a frame on the open socket; throws when there is none (the caller's delivery is retried). */
  send(data: string): void {
    if (!this.socket || !this.isOpen) throw new Error('long connection not open');
    this.socket.send(data);
  }

  start(): void {
    if (this.health.state === 'connecting' || this.health.state === 'open') return;
    void this.connect();
  }

  /** Ends the socket and stops reconnecting. */
  stop(state: 'stopped' | 'standby' | 'kicked' = 'stopped'): void {
    this.health.state = state;
    clearTimeout(this.retry);
    this.end();
  }

  private async connect(): Promise<void> {
    this.health.state = 'connecting';
    let url: string;
    try {
      url = await this.protocol.url();
    } catch (err) {
      this.logger.warn({ connection: this.health.name, err: errorSummary(err) }, 'long connection: no endpoint');
      this.scheduleReconnect();
      return;
    }
    if (this.health.state !== 'connecting') return;
    const socket = new WebSocket(url, { handshakeTimeout: this.timings.silenceMs });
    this.socket = socket;
    socket.on('open', () => {
      if (this.socket !== socket) return;
      if (this.opened++ > 0) this.health.reconnects++;
      this.failures = 0;
      this.health.state = 'open';
      this.health.lastFrameAt = Date.now();
      const hello = this.protocol.hello?.();
      if (hello) socket.send(hello);
      this.watch(socket);
      this.logger.info({ connection: this.health.name, reconnects: this.health.reconnects }, 'long connection open');
    });
    socket.on('message', (data) => {
      if (this.socket !== socket) return;
      this.health.lastFrameAt = Date.now();
      try {
        if (this.protocol.onFrame(data.toString(), (frame) => socket.send(frame))) this.health.lastMessageAt = Date.now();
      } catch (err) {
        this.logger.warn({ connection: this.health.name, err: errorSummary(err) }, 'long connection: frame refused');
      }
    });
    socket.on('pong', () => {
      if (this.socket === socket) this.health.lastFrameAt = Date.now();
    });
    socket.on('error', (err) => {
      this.logger.warn({ connection: this.health.name, err: errorSummary(err) }, 'long connection error');
    });
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.end();
      this.scheduleReconnect();
    });
  }

  /** Heartbeat every heartbeatMs; the watchdog ends the socket when it has been silent for silenceMs. */
  private watch(socket: WebSocket): void {
    clearInterval(this.timer);
    this.timer = setInterval(() => {
      if (Date.now() - this.health.lastFrameAt > this.timings.silenceMs) {
        this.logger.warn({ connection: this.health.name }, 'long connection silent: reconnecting');
        socket.terminate();
        return;
      }
      const beat = this.protocol.heartbeat();
      if (beat) socket.send(beat);
      else socket.ping();
    }, this.timings.heartbeatMs);
  }

  private end(): void {
    clearInterval(this.timer);
    const socket = this.socket;
    this.socket = undefined;
    socket?.removeAllListeners();
    socket?.on('error', () => {});
    socket?.terminate();
  }

  private scheduleReconnect(): void {
    if (this.health.state === 'stopped' || this.health.state === 'standby' || this.health.state === 'kicked') return;
    this.health.state = 'down';
    const delay = Math.min(this.timings.maxBackoffMs, this.timings.backoffMs * 2 ** this.failures++);
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.connect(), delay);
  }
}
