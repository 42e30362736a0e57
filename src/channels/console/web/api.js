// The console channel's HTTP API, as the page uses it.

// With CONSOLE_TOKEN set, open the page as /console#token=<token>: kept for this tab, then taken out of the address.
const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? sessionStorage.getItem('consoleToken');
if (token) {
  sessionStorage.setItem('consoleToken', token);
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
}
const auth = token ? { authorization: `Bearer ${token}` } : {};

async function asJson(response) {
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}

/** @returns {Promise<{agencies: {code: string, name: string, people: {userId: string, name: string, roleNames: string[]}[]}[]}>} */
export function fetchRoster() {
  return fetch('/console/roster', { headers: auth }).then(asJson);
}

/** Sends one message as userId; resolves to the bot's replies. */
export async function sendMessage(userId, text) {
  const body = await asJson(
    await fetch('/console/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ userId, text, messageId: crypto.randomUUID() }),
    }),
  );
  return body.replies;
}

/** The newest page of what the bot pushed to userId on its own, oldest first as a chat shows it, each with a stable id. */
export async function fetchPushes(userId) {
  const body = await asJson(await fetch(`/console/outbox?userId=${encodeURIComponent(userId)}`, { headers: auth }));
  return body.messages.reverse();
}
