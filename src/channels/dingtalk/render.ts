import type { OutgoingMessage } from '../../kernel/messages';
import type { UploadedMedia } from '../attachments';

/**
 * Turns the bot's OutgoingMessage into DingTalk's two wire shapes:
 * - webhook form (`msgtype` + body), used by sessionWebhook replies and custom-robot group pushes;
 * - robot-API form (`msgKey` + JSON-string `msgParam`), used by oToMessages/batchSend.
 * Buttons become an actionCard whose buttons make the DingTalk client send the command text back.
 */

export interface RenderOptions {
  /** Absolute base for the bot's own URL paths (images, downloads); without it the path is shown as is. */
  linkBase?: string;
}

export type WebhookMessage =
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'markdown'; markdown: { title: string; text: string } }
  | {
      msgtype: 'actionCard';
      actionCard: { title: string; text: string; btnOrientation: '0' | '1'; btns: { title: string; actionURL: string }[] };
    };

export interface RobotMessage {
  msgKey: string;
  msgParam: string;
}

/** The robot API's card templates: sampleActionCard{2..5} hold two to five buttons, stacked. */
const MAX_ROBOT_CARD_BUTTONS = 5;
const DEFAULT_TITLE = '监督协作助手';

export function commandUrl(command: string): string {
  return `dtmd://dingtalkclient/sendMessage?content=${encodeURIComponent(command)}`;
}

function markdownBody(message: OutgoingMessage, options: RenderOptions): string | undefined {
  const parts: string[] = [];
  if (message.image) parts.push(`![${message.title ?? '图片'}](${absolute(message.image.url, options)})`);
  if (message.file) parts.push(`[${message.file.name}](${absolute(message.file.url, options)})`);
  if (parts.length === 0 && !message.title) return undefined;
  return [message.title ? `#### ${message.title}` : '', message.text, ...parts].filter(Boolean).join('\n\n');
}

function absolute(path: string, options: RenderOptions): string {
  return options.linkBase && !/^https?:/.test(path) ? new URL(path, options.linkBase).toString() : path;
}

export function renderWebhookMessage(message: OutgoingMessage, options: RenderOptions = {}): WebhookMessage {
  const title = message.title ?? DEFAULT_TITLE;
  if (message.buttons?.length) {
    return {
      msgtype: 'actionCard',
      actionCard: {
        title,
        text: markdownBody(message, options) ?? message.text,
        btnOrientation: message.buttons.length > 2 ? '0' : '1',
        btns: message.buttons.map((button) => ({ title: button, actionURL: commandUrl(button) })),
      },
    };
  }
  const markdown = markdownBody(message, options);
  if (markdown) return { msgtype: 'markdown', markdown: { title, text: markdown } };
  return { msgtype: 'text', text: { content: message.text } };
}

export function renderRobotMessage(message: OutgoingMessage, options: RenderOptions = {}): RobotMessage {
  const title = message.title ?? DEFAULT_TITLE;
  const buttons = message.buttons ?? [];
  const markdown = markdownBody(message, options);
  const text = markdown ?? message.text;
  if (buttons.length === 1) {
    return robot('sampleActionCard', { title, text, singleTitle: buttons[0], singleURL: commandUrl(buttons[0]!) });
  }
  if (buttons.length > 1 && buttons.length <= MAX_ROBOT_CARD_BUTTONS) {
    const param: Record<string, string> = { title, text };
    buttons.forEach((button, index) => {
      param[`actionTitle${index + 1}`] = button;
      param[`actionURL${index + 1}`] = commandUrl(button);
    });
    return robot(`sampleActionCard${buttons.length}`, param);
  }
  if (buttons.length > MAX_ROBOT_CARD_BUTTONS) {
    const links = buttons.map((button) => `- [${button}](${commandUrl(button)})`).join('\n');
    return robot('sampleMarkdown', { title, text: `${text}\n\n${links}` });
  }
  if (markdown) return robot('sampleMarkdown', { title, text });
  return robot('sampleText', { content: message.text });
}

/** An uploaded image or file (oapi media/upload's media_id) as a robot message: sampleImageMsg / sampleFile. */
export function renderRobotMedia(media: UploadedMedia): RobotMessage {
  if (media.kind === 'image') return robot('sampleImageMsg', { photoURL: media.mediaId });
  const fileType = /\.([A-Za-z0-9]+)$/.exec(media.filename)?.[1]?.toLowerCase() ?? '';
  return robot('sampleFile', { mediaId: media.mediaId, fileName: media.filename, fileType });
}

function robot(msgKey: string, param: Record<string, unknown>): RobotMessage {
  return { msgKey, msgParam: JSON.stringify(param) };
}

/**
 * The cardData of a StandardCard (普通版互动卡片): title, the text as markdown, and the message's buttons, each
 * opening the link that sends its command back as the user's message (as in an actionCard). A card without
 * buttons (an update) shows only its title and text.
 */
export function renderStandardCard(message: OutgoingMessage): Record<string, unknown> {
  const buttons = (message.buttons ?? []).map((command, index) => ({
    type: 'button',
    label: { type: 'text', text: command, id: `label_${index}` },
    actionType: 'openLink',
    url: { all: commandUrl(command) },
    status: index === 0 ? 'primary' : 'normal',
    id: `button_${index}`,
  }));
  return {
    config: { autoLayout: true, enableForward: false },
    header: { title: { type: 'text', text: message.title ?? DEFAULT_TITLE }, logo: '' },
    contents: [{ type: 'markdown', text: message.text, id: 'text_0' }, ...(buttons.length ? [{ type: 'action', actions: buttons, id: 'action_0' }] : [])],
  };
}
