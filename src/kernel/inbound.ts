import type { ChannelName, InboundMessage, OutgoingMessage, ReplyHandle } from './messages';

/*
 * The inbound half of the channel contract (compare Slack Bolt's ReceiverEvent + processEvent): a channel
 * decodes a request into something Received and hands it over with the policy of how that request may be
 * answered; the inbox decides the rest (dedupe, dispatch, passive text, overflow and media rows, outbox
 * keys) and returns the Answer the channel renders.
 */

/** A message of a kind the bots cannot read (voice, video, rich text …): answered politely, never stored or dispatched. */
export interface UnsupportedMessage {
  channel: ChannelName;
  userId: string;
  /** Keys its answer when that answer has to go through the outbox; a channel that can always answer passively may leave it out. */
  platformMessageId?: string;
  replyHandle?: ReplyHandle;
}

export type Received = { kind: 'message'; message: InboundMessage } | { kind: 'unsupported'; message: UnsupportedMessage };

/** A passive answer that is one plain text of bounded size (WeCom): whatever does not fit follows by push. */
export interface PassiveTextLimit {
  maxBytes: number;
  /** The message as the plain text the platform shows. */
  render(message: OutgoingMessage): string;
}

/** How the request that brought a message may be answered. */
export type AnswerPolicy =
  /** The request is answered at once and empty; every reply goes through the outbox (DingTalk). */
  | { kind: 'push' }
  /**
   * The replies go in the request's answer when they are ready within budgetMs (null: however long it
   * takes; 0: never, as with push); past the budget the answer is empty and they are pushed.
   */
  | { kind: 'passive'; budgetMs: number | null; textOnly?: PassiveTextLimit };

/** What the channel answers the request with: these replies, or nothing, as they go (or went) through the outbox. */
export type Answer = { kind: 'passive'; replies: OutgoingMessage[] } | { kind: 'pushed' };

/** The inbox as a channel sees it. Throws when the message could not be stored: the channel then answers so that the platform retries. */
export type Receive = (received: Received, policy: AnswerPolicy) => Promise<Answer>;
