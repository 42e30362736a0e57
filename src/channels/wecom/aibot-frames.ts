import { randomBytes } from 'node:crypto';
import type { InboundMessage, OutgoingMessage } from '../../kernel/messages';
import { encodeAibotMedia } from './aibot-media';
import { CARD_MAX_BUTTONS, renderPlainText, truncateUtf8 } from './render';
import { ENTER_AGENT_COMMAND } from './xml';

/**
 * The frames of WeCom's AI-bot (智能机器人) long connection, wss://openws.work.weixin.qq.com (doc 101463 and the
 * official @wecom/aibot-node-sdk): every frame is JSON `{ cmd, headers: { req_id }, body }`; the platform answers
 * a frame of ours with `{ headers: { req_id }, errcode, errmsg }` under the same req_id.
 */
export const AIBOT_CMD = {
  subscribe: 'aibot_subscribe',
  ping: 'ping',
  respond: 'aibot_respond_msg',
  respondWelcome: 'aibot_respond_welcome_msg',
  send: 'aibot_send_msg',
  messageCallback: 'aibot_msg_callback',
  eventCallback: 'aibot_event_callback',
} as const;

/** Markdown content of stream replies and pushes: kept within WeCom's 20480-byte limit for a stream message. */
export const AIBOT_CONTENT_MAX_BYTES = 20_480;

export interface AibotFrame {
  cmd?: string;
  headers?: { req_id?: string };
  body?: Record<string, unknown>;
  errcode?: number;
  errmsg?: string;
}

/** What one platform frame means for the channel. */
export type AibotInbound =
  /** A user's message or event for the inbox; `welcome` when it is answered with aibot_respond_welcome_msg. */
  | { kind: 'inbound'; reqId: string; message: InboundMessage; welcome: boolean }
  | { kind: 'unsupported'; reqId: string; userId: string; platformMessageId: string }
  /** disconnected_event: a newer connection took over this bot; this one is closed by the platform. */
  | { kind: 'kicked' }
  /** The answer to a frame of ours (subscribe, ping, respond, send). */
  | { kind: 'ack'; reqId: string; errcode: number; errmsg: string }
  | { kind: 'ignored' };

export function reqId(prefix: string): string {
  return `${prefix}_${Date.now()}_${randomBytes(6).toString('hex')}`;
}

export function frame(cmd: string, id: string, body?: object): string {
  return JSON.stringify({ cmd, headers: { req_id: id }, ...(body && { body }) });
}

export function subscribeFrame(botId: string, secret: string): string {
  return frame(AIBOT_CMD.subscribe, reqId(AIBOT_CMD.subscribe), { bot_id: botId, secret });
}

export function pingFrame(): string {
  return frame(AIBOT_CMD.ping, reqId(AIBOT_CMD.ping));
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function field(body: Record<string, unknown>, name: string): Record<string, unknown> {
  const value = body[name];
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/**
 * Decodes a frame. The inbox dedupes by `msgid` ("本次回调的唯一性标志，用于事件排重"), so a callback the
 * platform pushes again after a reconnect is stored and answered once. A group message is addressed back to
 * the sender, as in callback mode (the bot has no group conversation of its own here).
 */
export function decodeAibotFrame(raw: string, receivedAt: Date): AibotInbound {
  const parsed = JSON.parse(raw) as AibotFrame;
  const id = parsed.headers?.req_id ?? '';
  if (!parsed.cmd) return { kind: 'ack', reqId: id, errcode: Number(parsed.errcode ?? -1), errmsg: text(parsed.errmsg) };
  if (parsed.cmd !== AIBOT_CMD.messageCallback && parsed.cmd !== AIBOT_CMD.eventCallback) return { kind: 'ignored' };
  const body = parsed.body ?? {};
  if (text(field(body, 'event').eventtype) === 'disconnected_event') return { kind: 'kicked' };
  const userId = text(field(body, 'from').userid);
  const msgid = text(body.msgid);
  if (!userId || !msgid || !id) return { kind: 'ignored' };
  const base = { channel: 'wecom' as const, userId, receivedAt, platformMessageId: `aibot:${msgid}` };

  if (parsed.cmd === AIBOT_CMD.eventCallback) {
    const event = field(body, 'event');
    switch (text(event.eventtype)) {
      case 'enter_chat':
        return { kind: 'inbound', reqId: id, welcome: true, message: { ...base, kind: 'event', text: ENTER_AGENT_COMMAND } };
      case 'template_card_event': {
        const key = text(event.event_key) || text(field(event, 'template_card_event').event_key);
        return key ? { kind: 'inbound', reqId: id, welcome: false, message: { ...base, kind: 'event', text: key } } : { kind: 'ignored' };
      }
      default:
        return { kind: 'ignored' };
    }
  }

  switch (text(body.msgtype)) {
    case 'text':
      return { kind: 'inbound', reqId: id, welcome: false, message: { ...base, kind: 'text', text: text(field(body, 'text').content) } };
    case 'voice':
      // The platform sends the speech already transcribed.
      return { kind: 'inbound', reqId: id, welcome: false, message: { ...base, kind: 'text', text: text(field(body, 'voice').content) } };
    case 'mixed': {
      const items = field(body, 'mixed').msg_item;
      const parts = Array.isArray(items) ? items.map((item) => text(field(item as Record<string, unknown>, 'text').content)).filter(Boolean) : [];
      return { kind: 'inbound', reqId: id, welcome: false, message: { ...base, kind: 'text', text: parts.join('\n') } };
    }
    case 'image':
    case 'file': {
      const kind = text(body.msgtype) as 'image' | 'file';
      const url = text(field(body, kind).url);
      const aeskey = text(field(body, kind).aeskey);
      if (!url || !aeskey) return { kind: 'unsupported', reqId: id, userId, platformMessageId: base.platformMessageId };
      return { kind: 'inbound', reqId: id, welcome: false, message: { ...base, kind, text: '', mediaId: encodeAibotMedia({ url, aeskey }) } };
    }
    default:
      return { kind: 'unsupported', reqId: id, userId, platformMessageId: base.platformMessageId };
  }
}

/** A message as the markdown the AI bot shows (stream replies and pushes carry markdown). */
export function renderAibotMarkdown(message: OutgoingMessage): string {
  const content = message.title ? [`**${message.title}**`, '', renderPlainText({ ...message, title: undefined })].join('\n') : renderPlainText(message);
  return truncateUtf8(content, AIBOT_CONTENT_MAX_BYTES);
}

/** The body of a finished stream reply to one callback (aibot_respond_msg), several replies in one. */
export function streamReplyBody(replies: readonly OutgoingMessage[]): object {
  return { msgtype: 'stream', stream: { id: reqId('stream'), finish: true, content: replies.map(renderAibotMarkdown).join('\n\n') } };
}

/** A welcome answer to enter_chat (aibot_respond_welcome_msg): text only. */
export function welcomeBody(replies: readonly OutgoingMessage[]): object {
  return { msgtype: 'text', text: { content: replies.map(renderPlainText).join('\n\n') } };
}

/**
 * The body of an active push (aibot_send_msg) to a user: a button card when the user must choose (each
 * button's key is the command it stands for, so a click comes back as that command), else markdown.
 */
export function sendBody(userId: string, message: OutgoingMessage, taskId: string): object {
  const buttons = message.buttons ?? [];
  if (buttons.length > 0 && buttons.length <= CARD_MAX_BUTTONS) {
    return {
      chatid: userId,
      msgtype: 'template_card',
      template_card: {
        card_type: 'button_interaction',
        main_title: { title: message.title ?? '请选择' },
        sub_title_text: message.text,
        task_id: taskId,
        button_list: buttons.map((command) => ({ text: command, style: 1, key: command })),
      },
    };
  }
  return { chatid: userId, msgtype: 'markdown', markdown: { content: renderAibotMarkdown(message) } };
}
