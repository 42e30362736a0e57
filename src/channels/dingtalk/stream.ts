import { DWClient, TOPIC_ROBOT, type DWClientDownStream } from 'dingtalk-stream';
import type { Clock } from '../../kernel/clock';
import { errorSummary } from '../../kernel/logger';
import type { Logger } from '../../kernel/logger';
import { decodeCallback, DingTalkMessageError, type DecodedCallback } from './message';

/**
 * Stream mode: the bot opens an outbound connection with the official SDK, so a county without a public
 * URL can still run the robot. No signature here (the connection itself is authenticated); each robot
 * message is acked once it is stored, and an unacked one is pushed again by DingTalk, then dropped at the inbox.
 */

/** The part of the SDK's DWClient the handler needs. */
export type StreamClient = Pick<DWClient, 'registerCallbackListener' | 'socketCallBackResponse' | 'connect' | 'disconnect'>;

export interface StreamHandlerDeps {
  clock: Clock;
  logger: Logger;
  /** Stores and dispatches a decoded message; throws when it could not be stored. */
  accept(decoded: DecodedCallback): Promise<void>;
  ack(messageId: string): void;
}

export function createStreamHandler(deps: StreamHandlerDeps): (downstream: DWClientDownStream) => Promise<void> {
  return async (downstream) => {
    const messageId = downstream.headers.messageId;
    let decoded: DecodedCallback;
    try {
      decoded = decodeCallback(downstream.data, deps.clock);
    } catch (error) {
      // Unreadable now means unreadable on every re-push: acknowledge and drop it.
      const reason = error instanceof DingTalkMessageError ? error.reason : errorSummary(error).type;
      deps.logger.warn({ reason }, 'dingtalk stream message refused');
      deps.ack(messageId);
      return;
    }
    try {
      await deps.accept(decoded);
      deps.ack(messageId);
    } catch (error) {
      // Not acked: DingTalk pushes it again, and the inbox keeps it to one delivery.
      deps.logger.error({ err: errorSummary(error) }, 'dingtalk stream message not stored');
    }
  };
}

export interface StreamConnection {
  close(): void;
}

export interface StreamOptions {
  appKey: string;
  appSecret: string;
  clock: Clock;
  logger: Logger;
  accept(decoded: DecodedCallback): Promise<void>;
  /** For tests: a client shaped like the SDK's. */
  client?: StreamClient;
}

/** Registers the robot-message handler on a DWClient and connects (the SDK reconnects by itself). */
export async function startStream(options: StreamOptions): Promise<StreamConnection> {
  const client = options.client ?? new DWClient({ clientId: options.appKey, clientSecret: options.appSecret });
  const handler = createStreamHandler({
    clock: options.clock,
    logger: options.logger,
    accept: options.accept,
    ack: (messageId) => client.socketCallBackResponse(messageId, { status: 'SUCCESS' }),
  });
  client.registerCallbackListener(TOPIC_ROBOT, (downstream) => void handler(downstream));
  await client.connect();
  options.logger.info('dingtalk channel on (stream mode)');
  return { close: () => client.disconnect() };
}
