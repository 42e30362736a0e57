// ws@8 ships no types (and @types/ws is not installed): the part of its API this bot and its tests use.
declare module 'ws' {
  import { EventEmitter } from 'node:events';
  import type { IncomingMessage } from 'node:http';

  type RawData = Buffer | ArrayBuffer | Buffer[];

  class WebSocket extends EventEmitter {
    static readonly OPEN: 1;
    constructor(address: string, options?: { handshakeTimeout?: number });
    readonly readyState: number;
    send(data: string, cb?: (err?: Error) => void): void;
    ping(data?: string | Buffer): void;
    close(code?: number, reason?: string): void;
    terminate(): void;
    on(event: 'open', listener: () => void): this;
    on(event: 'message', listener: (data: RawData, isBinary: boolean) => void): this;
    on(event: 'close', listener: (code: number, reason: Buffer) => void): this;
    on(event: 'error', listener: (err: Error) => void): this;
    on(event: 'pong' | 'ping', listener: (data: Buffer) => void): this;
  }

  export class WebSocketServer extends EventEmitter {
    constructor(options: { port?: number; host?: string; server?: import('node:http').Server; path?: string });
    readonly clients: Set<WebSocket>;
    address(): import('node:net').AddressInfo | string;
    close(cb?: (err?: Error) => void): void;
    on(event: 'connection', listener: (socket: WebSocket, request: IncomingMessage) => void): this;
    on(event: 'listening', listener: () => void): this;
  }

  export type { RawData };
  export { WebSocket };
  export default WebSocket;
}
