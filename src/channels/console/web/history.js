// Each user's conversation, kept in the page so switching users loses nothing.

let nextLocalId = 1;

/** @typedef {{id: string, from: 'me' | 'bot' | 'push' | 'note', message: {text: string, title?: string, buttons?: string[], image?: {url: string}, file?: {url: string, name: string}}}} Entry */

export class Histories {
  #byUser = new Map();

  #of(userId) {
    let history = this.#byUser.get(userId);
    if (!history) {
      history = { entries: [], pushIds: new Set() };
      this.#byUser.set(userId, history);
    }
    return history;
  }

  /** @returns {Entry[]} */
  entries(userId) {
    return this.#of(userId).entries;
  }

  /** Appends a local entry (what the user said, the bot's answer, a note) and returns it. */
  add(userId, from, message) {
    const entry = { id: `local-${nextLocalId++}`, from, message };
    this.#of(userId).entries.push(entry);
    return entry;
  }

  /** Appends the pushes not seen before, in server order; returns the new entries. */
  addPushes(userId, pushes) {
    const history = this.#of(userId);
    const fresh = pushes.filter((push) => !history.pushIds.has(push.id));
    return fresh.map((push) => {
      history.pushIds.add(push.id);
      const { id, createdAt, late, ...message } = push;
      const entry = { id: `push-${id}`, from: 'push', message };
      history.entries.push(entry);
      return entry;
    });
  }
}
