import type { Answer, AnswerPolicy, UnsupportedMessage } from '../kernel/inbound';
import { attachmentsOnly, hasAttachments, hasText, messageKey, withoutAttachments, type InboundMessage, type OutgoingMessage } from '../kernel/messages';
import { splitUtf8 } from '../kernel/utf8';
import type { OutboxItem } from '../store/outbox';
import { TEXTS } from './texts';

/** The message the replies answer: its key keys every outbox row of them. */
export type ReplyTarget = Pick<InboundMessage, 'channel' | 'platformMessageId' | 'userId' | 'replyHandle'>;

/** How one message's replies reach the user: what the request is answered with, and the rows the outbox sends. */
export interface ReplyPlan {
  answer: Answer;
  /** In the order they are to go out. */
  rows: OutboxItem[];
}

export const PUSH: AnswerPolicy = { kind: 'push' };

/**
 * Plans the replies to a message answered the given way. Pushed, each reply is a row
 * `reply:<message key>:<index>` (messageKey: channel, sender, id). Passive, they all go in the answer, unless the channel answers
 * passively with one plain text only (WeCom): then the text that fits answers, the rest of it
 * follows in rows `…:more:<n>` split at line breaks, and each reply's image or file in a row
 * `…:<index>:media` after the text.
 */
export function planReplies(to: ReplyTarget, replies: OutgoingMessage[], policy: AnswerPolicy): ReplyPlan {
  if (policy.kind === 'push') {
    return { answer: { kind: 'pushed' }, rows: replies.map((message, index) => row(to, String(index), message)) };
  }
  if (!policy.textOnly) return { answer: { kind: 'passive', replies }, rows: [] };
  const { maxBytes, render } = policy.textOnly;
  const texts = replies.map(withoutAttachments).filter(hasText);
  const [first, ...more] = texts.length ? splitUtf8(texts.map(render).join('\n\n'), maxBytes) : [];
  const overflow = more.map((text, n) => row(to, `more:${n}`, { text }));
  const media = replies.flatMap((reply, index) => (hasAttachments(reply) ? [row(to, `${index}:media`, attachmentsOnly(reply))] : []));
  return { answer: { kind: 'passive', replies: first === undefined ? [] : [{ text: first }] }, rows: [...overflow, ...media] };
}

/** A message the bots cannot read gets one polite text: in the answer when the channel can answer passively, else as the row `…:unsupported`. */
export function planUnsupported(message: UnsupportedMessage, policy: AnswerPolicy): ReplyPlan {
  const text: OutgoingMessage = { text: TEXTS.unsupported };
  if (policy.kind === 'passive') return { answer: { kind: 'passive', replies: [text] }, rows: [] };
  if (message.platformMessageId === undefined) throw new Error(`an unsupported ${message.channel} message to be answered by push needs its id`);
  return { answer: { kind: 'pushed' }, rows: [row({ ...message, platformMessageId: message.platformMessageId }, 'unsupported', text)] };
}

function row(to: ReplyTarget, suffix: string, message: OutgoingMessage): OutboxItem {
  return {
    key: `reply:${messageKey(to)}:${suffix}`,
    channel: to.channel,
    userId: to.userId,
    message,
    ...(to.replyHandle && { replyHandle: to.replyHandle }),
  };
}
