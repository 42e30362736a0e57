// Wires the page: roster picker, per-user chat, live pushes by polling the outbox.
import { actAs, fetchPushes, fetchRoster, readUpload, sendMessage } from './api.js';
import { renderEntry } from './bubbles.js';
import { Histories } from './history.js';

const POLL_MS = 1500;

const picker = document.getElementById('user');
const log = document.getElementById('log');
const form = document.getElementById('send-form');
const input = document.getElementById('text');
const sendButton = document.getElementById('send');
const fileInput = document.getElementById('file');
const status = document.getElementById('status');

const histories = new Histories();
let currentUser = '';
let sending = Promise.resolve();

function showStatus(text) {
  status.textContent = text;
}

function scrollToEnd() {
  log.lastElementChild?.scrollIntoView({ block: 'end' });
}

function append(entries) {
  for (const entry of entries) {
    const item = renderEntry(entry, say);
    // An image changes the bubble's height once loaded: keep the newest message in view.
    for (const image of item.querySelectorAll('img')) image.addEventListener('load', () => item === log.lastElementChild && scrollToEnd());
    log.append(item);
  }
  scrollToEnd();
}

function showHistory() {
  log.replaceChildren();
  append(histories.entries(currentUser));
}

async function refreshPushes(userId) {
  try {
    const fresh = histories.addPushes(userId, await fetchPushes(userId));
    if (userId === currentUser && fresh.length) append(fresh);
    if (status.dataset.offline) {
      delete status.dataset.offline;
      showStatus('');
    }
  } catch {
    status.dataset.offline = 'yes';
    showStatus('连不上机器人服务，正在重试；请确认服务已启动（npm start）。');
  }
}

/** Sends one command (or one upload) as the current user; sends keep their order. */
function say(text, file) {
  const userId = currentUser;
  const trimmed = file ? `[附件] ${file.name}` : text.trim();
  if (!userId || !trimmed) return;
  append([histories.add(userId, 'me', { text: trimmed })]);
  sending = sending.then(async () => {
    try {
      const replies = file ? await sendMessage(userId, '', await readUpload(file)) : await sendMessage(userId, trimmed);
      const entries = replies.map((reply) => histories.add(userId, 'bot', reply));
      if (userId === currentUser) append(entries);
      await refreshPushes(userId);
    } catch {
      const note = histories.add(userId, 'note', { text: '发送失败：请确认服务已启动，然后再发一次。' });
      if (userId === currentUser) append([note]);
    }
  });
  return sending;
}

function switchUser(userId) {
  currentUser = userId;
  actAs(userId);
  localStorage.setItem('console.user', userId);
  if (!histories.entries(userId).length) histories.add(userId, 'note', { text: '发送「帮助」查看你能用的命令。' });
  showHistory();
  showStatus(`已切换为 ${picker.selectedOptions[0]?.textContent ?? userId}`);
  void refreshPushes(userId);
}

function fillPicker(roster) {
  picker.replaceChildren();
  for (const agency of roster.agencies) {
    const group = document.createElement('optgroup');
    group.label = agency.name;
    for (const person of agency.people) {
      const option = document.createElement('option');
      option.value = person.userId;
      option.textContent = `${person.name}（${person.roleNames.join('、')}）`;
      group.append(option);
    }
    picker.append(group);
  }
}

async function start() {
  let roster;
  try {
    roster = await fetchRoster();
  } catch {
    showStatus('读不到名册：请确认服务已启动（npm start），然后刷新本页。');
    return;
  }
  if (!roster.agencies.length) {
    showStatus('名册里没有 console 用户：请先运行 npm run cli -- roster import config/roster.example.csv，然后刷新本页。');
    return;
  }
  fillPicker(roster);
  const remembered = localStorage.getItem('console.user');
  if (remembered && [...picker.options].some((o) => o.value === remembered)) picker.value = remembered;
  picker.disabled = false;
  input.disabled = false;
  sendButton.disabled = false;
  fileInput.disabled = false;
  fileInput.addEventListener('change', () => {
    const [file] = fileInput.files ?? [];
    fileInput.value = '';
    if (file) void say('', file);
  });
  picker.addEventListener('change', () => switchUser(picker.value));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value;
    input.value = '';
    input.focus();
    void say(text);
  });
  switchUser(picker.value);
  setInterval(() => {
    if (currentUser && !document.hidden) void refreshPushes(currentUser);
  }, POLL_MS);
}

void start();
