// Renders one chat entry as a bubble: text, title, image, download link and choice buttons.

const SPEAKER = { me: '我', bot: '机器人', push: '机器人通知', note: '提示' };

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The bot's own links in a text (e.g. a 调阅 link), on this page's origin, become clickable; nothing else does. */
const OWN_LINK = /((?:https?:\/\/[^\s，。；]+)?\/(?:file-access|reports\/files|clues\/attachments)\/[A-Za-z0-9_-]{43}(?:\.png)?)/;

/** @param {string} text */
function textWithLinks(text) {
  const paragraph = element('p', 'text');
  for (const [i, part] of text.split(OWN_LINK).entries()) {
    const url = i % 2 === 1 ? new URL(part, location.href) : null;
    if (!url || url.origin !== location.origin) {
      paragraph.append(part);
      continue;
    }
    const link = element('a', 'text-link', part);
    link.href = url.pathname;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    paragraph.append(link);
  }
  return paragraph;
}

/**
 * @param {import('./history.js').Entry} entry
 * @param {(text: string) => void} onChoice called with the command a tapped button stands for
 * The bot's own chart, export and attachment links carry no identity: they open for the user the page acts as
 * (cookie `console_user`, set by actAs in api.js) when that user is the one they were issued to.
 */
export function renderEntry(entry, onChoice) {
  const { message } = entry;
  const item = element('li', `entry entry-${entry.from}`);
  item.dataset.id = entry.id;
  item.append(element('span', 'visually-hidden', `${SPEAKER[entry.from]}：`));
  const bubble = element('div', 'bubble');
  if (entry.from === 'push') bubble.append(element('span', 'badge', '通知'));
  if (message.title) bubble.append(element('strong', 'title', message.title));
  bubble.append(textWithLinks(message.text));

  if (message.image) {
    const url = message.image.url;
    const link = element('a', 'image-link');
    link.href = url;
    link.target = '_blank';
    link.rel = 'noopener';
    const image = element('img', 'image');
    image.src = url;
    image.alt = message.title || '图片';
    link.append(image);
    bubble.append(link);
  }

  if (message.file) {
    const link = element('a', 'file', `下载 ${message.file.name}`);
    link.href = message.file.url;
    link.download = message.file.name;
    bubble.append(link);
  }

  if (message.buttons?.length) {
    const choices = element('div', 'choices');
    choices.setAttribute('role', 'group');
    choices.setAttribute('aria-label', '可选操作');
    for (const command of message.buttons) {
      const button = element('button', 'choice', command);
      button.type = 'button';
      button.addEventListener('click', () => onChoice(command));
      choices.append(button);
    }
    bubble.append(choices);
  }

  item.append(bubble);
  return item;
}
