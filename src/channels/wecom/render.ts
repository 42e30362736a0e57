import type { OutgoingMessage } from '../../kernel/messages';
import { splitUtf8 } from '../../kernel/utf8';
import type { MediaKind } from '../attachments';

/** WeCom's limit for text and markdown content (message/send and the passive reply). */
export const CONTENT_MAX_BYTES = 2048;
/** A button_interaction card holds at most this many buttons; more choices are sent as text. */
export const CARD_MAX_BUTTONS = 6;

export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  const ellipsis = '…';
  let cut = '';
  let used = Buffer.byteLength(ellipsis);
  for (const char of text) {
    const size = Buffer.byteLength(char);
    if (used + size > maxBytes) break;
    cut += char;
    used += size;
  }
  return cut + ellipsis;
}

function commandLines(buttons: string[] | undefined): string[] {
  if (!buttons?.length) return [];
  return ['', '请回复以下指令之一：', ...buttons.map((command) => `· ${command}`)];
}

/**
 * The message's text as plain text: used for passive replies and wherever cards do not fit.
 * Images and files are not links here (they open only for their requester on the console):
 * the channel uploads them and sends them as media messages of their own.
 */
export function renderPlainText(message: OutgoingMessage): string {
  const lines = [...(message.title ? [`【${message.title}】`] : []), message.text, ...commandLines(message.buttons)];
  return lines.join('\n');
}

export type SendPayload =
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'markdown'; markdown: { content: string } }
  | { msgtype: 'template_card'; template_card: ButtonInteractionCard }
  | { msgtype: 'image'; image: { media_id: string } }
  | { msgtype: 'file'; file: { media_id: string } };

export interface ButtonInteractionCard {
  card_type: 'button_interaction';
  main_title: { title: string };
  sub_title_text: string;
  task_id: string;
  button_list: { type: 0; text: string; style: 1; key: string }[];
  /** In an update: shown where the buttons were, which can no longer be pressed. */
  replace_text?: string;
}

/**
 * Pick the richest message/send form: a button card when the user must act (each button's key is
 * the command it stands for, so a click comes back as that command), markdown when there is a title.
 * Text and markdown longer than WeCom takes go as several messages, in order, nothing cut: split by
 * splitUtf8 as the passive reply is (src/conversation/reply-plan.ts, with this channel's CONTENT_MAX_BYTES).
 */
export function renderSendPayloads(message: OutgoingMessage, taskId: string): SendPayload[] {
  const buttons = message.buttons ?? [];
  if (buttons.length > 0 && buttons.length <= CARD_MAX_BUTTONS) {
    const card: SendPayload = {
      msgtype: 'template_card',
      template_card: {
        card_type: 'button_interaction',
        main_title: { title: message.title ?? '请选择' },
        sub_title_text: message.text,
        task_id: taskId,
        button_list: buttons.map((command) => ({ type: 0, text: command, style: 1, key: command })),
      },
    };
    return [card];
  }
  if (message.title) {
    const content = [`**${message.title}**`, '', message.text, ...commandLines(message.buttons)].join('\n');
    return splitUtf8(content, CONTENT_MAX_BYTES).map((part) => ({ msgtype: 'markdown', markdown: { content: part } }));
  }
  return splitUtf8(renderPlainText(message), CONTENT_MAX_BYTES).map((part) => ({ msgtype: 'text', text: { content: part } }));
}

/** An uploaded image or file (media/upload's media_id) as a message/send body. */
export function renderMediaPayload(kind: MediaKind, mediaId: string): SendPayload {
  return kind === 'image' ? { msgtype: 'image', image: { media_id: mediaId } } : { msgtype: 'file', file: { media_id: mediaId } };
}

/**
 * The body of update_template_card that changes a button card in place: its text becomes the message's,
 * and the buttons give way to the message's title (e.g. 已签收).
 */
export function renderCardUpdate(message: OutgoingMessage, taskId: string): { template_card: ButtonInteractionCard } {
  const done = message.title ?? '已处理';
  return {
    template_card: {
      card_type: 'button_interaction',
      main_title: { title: done },
      sub_title_text: message.text,
      task_id: taskId,
      button_list: [{ type: 0, text: done, style: 1, key: done }],
      replace_text: done,
    },
  };
}
