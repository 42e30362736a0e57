import { TOPIC_ROBOT, type DWClientDownStream } from 'dingtalk-stream';
import type { Clock } from '../../kernel/clock';
import { errorSummary } from '../../kernel/logger';
import type { Logger } from '../../kernel/logger';
import { LongConnection, type LongConnectionTimings } from '../long-connection';
import { decodeCallback, DingTalkMessageError, type DecodedCallback } from './message';

/**
 * Stream mode: the bot opens an outbound connection, so a county without a public URL can still run the robot
 * (developerpedia docs/learn/stream/protocol.md, and the official dingtalk-stream SDK's frames): POST
 * /v1.0/gateway/connections/open → { endpoint, ticket } → WebSocket `endpoint?ticket=`. No signature here (the
 * connection itself is authenticated); each robot message is acked once it is stored, and an unacked one is
 * pushed again by DingTalk, then dropped at the inbox. The connection is kept by LongConnection: WebSocket pings,
 * and a watchdog that reconnects when nothing came back for too long (the SDK's own reconnect misses a
 * half-dead socket, dingtalk-stream-sdk-nodejs issue #13).
 */

export const STREAM_CONNECTION = 'dingtalk-stream';

export interface StreamHandlerDeps {
  clock: Clock;
  logger: Logger;
  /** Stores and dispatches a decoded message; throws when it could not be stored. */
  accept(decoded: DecodedCallback): Promise<void>;
}

/** The answer to a pushed frame: `{code:200, headers:{contentType, messageId}, message:"OK", data}` (the SDK's send()). */
export function ackFrame(messageId: string, data: unknown): string {
  return JSON.stringify({ code: 200, headers: { contentType: 'application/json', messageId }, message: 'OK', data: JSON.stringify(data) });
}

/** Handles one robot message; `ack` is called once it is stored (or unreadable: it would be on every re-push). */
export function createStreamHandler(deps: StreamHandlerDeps): (downstream: DWClientDownStream, ack: () => void) => Promise<void> {
  return async (downstream, ack) => {
    let decoded: DecodedCallback;
    try {
      decoded = decodeCallback(downstream.data, deps.clock);
    } catch (error) {
      const reason = error instanceof DingTalkMessageError ? error.reason : errorSummary(error).type;
      deps.logger.warn({ reason }, 'dingtalk stream message refused');
      ack();
      return;
    }
    try {
      await deps.accept(decoded);
      ack();
    } catch (error) {
      // Not acked: DingTalk pushes it again, and the inbox keeps it to one delivery.
      deps.logger.error({ err: errorSummary(error) }, 'dingtalk stream message not stored');
    }
  };
}

/**
 * One frame from the gateway: SYSTEM ping is answered with its own headers and data; a robot CALLBACK goes to the
 * handler and is acked after it was stored; an EVENT is acked at once. Returns whether it was a robot message.
 */
export function streamFrameHandler(deps: StreamHandlerDeps): (raw: string, send: (frame: string) => void) => boolean {
  const handle = createStreamHandler(deps);
  return (raw, send) => {
    const downstream = JSON.parse(raw) as DWClientDownStream;
    const messageId = downstream.headers?.messageId ?? '';
    switch (downstream.type) {
      case 'SYSTEM':
        if (downstream.headers.topic === 'ping') send(JSON.stringify({ code: 200, headers: downstream.headers, message: 'OK', data: downstream.data }));
        return false;
      case 'EVENT':
        send(ackFrame(messageId, { status: 'SUCCESS', message: 'ok' }));
        return false;
      case 'CALLBACK':
        if (downstream.headers.topic !== TOPIC_ROBOT) return false;
        void handle(downstream, () => send(ackFrame(messageId, { response: { status: 'SUCCESS' } })));
        return true;
      default:
        return false;
    }
  };
}

export interface StreamOptions extends StreamHandlerDeps {
  appKey: string;
  appSecret: string;
  /** api.dingtalk.com, or a local fake. */
  apiBase: string;
  timings: LongConnectionTimings;
}

/** The stream connection (not yet started): each (re)connect asks the gateway for a new single-use ticket. */
export function createStreamConnection(options: StreamOptions): LongConnection {
  const onFrame = streamFrameHandler(options);
  return new LongConnection(
    STREAM_CONNECTION,
    {
      url: () => openGateway(options),
      heartbeat: () => undefined,
      onFrame,
    },
    options.logger,
    options.timings,
  );
}

async function openGateway(options: StreamOptions): Promise<string> {
  const response = await fetch(`${options.apiBase}/v1.0/gateway/connections/open`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      clientId: options.appKey,
      clientSecret: options.appSecret,
      subscriptions: [{ type: 'CALLBACK', topic: TOPIC_ROBOT }],
      ua: 'joint-supervision-bot',
    }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json().catch(() => ({}))) as { endpoint?: string; ticket?: string };
  if (!response.ok || !body.endpoint || !body.ticket) throw new Error(`gateway answered ${response.status}`);
  return `${body.endpoint}?ticket=${encodeURIComponent(body.ticket)}`;
}
