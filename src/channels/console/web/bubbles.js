// Renders one chat entry as a bubble: text, title, image, download link and choice buttons.

const SPEAKER = { me: '我', bot: '机器人', push: '机器人通知', note: '提示' };

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * The bot's own chart and export links open only for their requester (`?userId=`); other URLs stay as they are.
 * @param {string} url
 * @param {string} userId
 */
function requesterUrl(url, userId) {
  const resolved = new URL(url, location.href);
  if (resolved.origin !== location.origin) return url;
  resolved.searchParams.set('userId', userId);
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}

/**
 * @param {import('./history.js').Entry} entry
 * @param {(text: string) => void} onChoice called with the command a tapped button stands for
 * @param {string} userId whose conversation this is: the chart and export links open for them only
 */
export function renderEntry(entry, onChoice, userId) {
  const { message } = entry;
  const item = element('li', `entry entry-${entry.from}`);
  item.dataset.id = entry.id;
  item.append(element('span', 'visually-hidden', `${SPEAKER[entry.from]}：`));
  const bubble = element('div', 'bubble');
  if (entry.from === 'push') bubble.append(element('span', 'badge', '通知'));
  if (message.title) bubble.append(element('strong', 'title', message.title));
  bubble.append(element('p', 'text', message.text));

  if (message.image) {
    const url = requesterUrl(message.image.url, userId);
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
    link.href = requesterUrl(message.file.url, userId);
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
