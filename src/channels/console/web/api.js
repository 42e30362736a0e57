// The console channel's HTTP API, as the page uses it.

// With CONSOLE_TOKEN set, open the page as /console#token=<token>: kept for this tab, then taken out of the address.
const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? sessionStorage.getItem('consoleToken');
if (token) {
  sessionStorage.setItem('consoleToken', token);
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
}
const auth = token ? { authorization: `Bearer ${token}` } : {};
// Links the bot sends (charts, exports, attachments, 调阅 materials) are opened by the browser itself, so they carry
// the console token and the acting user as cookies of this origin, never in the link.
// biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is not in every browser the console is opened in.
if (token) document.cookie = `console_token=${encodeURIComponent(token)}; path=/; SameSite=Strict`;

/** The user this page acts as, for the links it opens (cookie `console_user`). */
export function actAs(userId) {
  // biome-ignore lint/suspicious/noDocumentCookie: as above.
  document.cookie = `console_user=${encodeURIComponent(userId)}; path=/; SameSite=Strict`;
}

async function asJson(response) {
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}

/** @returns {Promise<{agencies: {code: string, name: string, people: {userId: string, name: string, roleNames: string[]}[]}[]}>} */
export function fetchRoster() {
  return fetch('/console/roster', { headers: auth }).then(asJson);
}

/**
 * Sends one message as userId, or an upload (as a platform's image, file or voice message); resolves to the bot's replies.
 * @param {{name: string, contentType: string, data: string} | undefined} file the bytes base64-encoded
 */
export async function sendMessage(userId, text, file) {
  const body = await asJson(
    await fetch('/console/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ userId, text, messageId: crypto.randomUUID(), ...(file && { file }) }),
    }),
  );
  return body.replies;
}

/** A picked file as the console API takes it. */
export async function readUpload(file) {
  const data = await new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
  return { name: file.name, contentType: file.type || 'application/octet-stream', data };
}

/** The newest page of what the bot pushed to userId on its own, oldest first as a chat shows it, each with a stable id. */
export async function fetchPushes(userId) {
  const body = await asJson(await fetch(`/console/outbox?userId=${encodeURIComponent(userId)}`, { headers: auth }));
  return body.messages.reverse();
}
