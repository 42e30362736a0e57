import type { SessionStore } from '../store/sessions';

export const SESSION_IDLE_MS = 30 * 60_000;
/** Sessions ended per tick; more wait for the next minute. */
const EXPIRE_BATCH = 100;

/** The open dialog of a user: which bot holds it, at which step, with what data. */
export interface SessionState<D = unknown> {
  bot: string;
  step: string;
  data: D;
}

export interface SessionOwner {
  channel: string;
  userId: string;
}

const idOf = (owner: SessionOwner) => `${owner.channel}:${owner.userId}`;

/** Sessions over a store: one per user, ending after 30 idle minutes. */
export class Sessions {
  constructor(private readonly store: SessionStore) {}

  /** The open session of a user, or null. An idle one past its expiry is removed and counts as none. */
  async load(owner: SessionOwner, now: Date): Promise<SessionState | null> {
    const record = await this.store.read(idOf(owner));
    if (!record) return null;
    if (record.expiresAt <= now) {
      await this.store.remove(idOf(owner), record.expiresAt);
      return null;
    }
    return { bot: record.bot, step: record.step, data: record.data };
  }

  async save(owner: SessionOwner, state: SessionState, now: Date): Promise<void> {
    await this.store.write(idOf(owner), { ...state, channel: owner.channel, userId: owner.userId, expiresAt: new Date(now.getTime() + SESSION_IDLE_MS) });
  }

  async end(owner: SessionOwner): Promise<void> {
    await this.store.remove(idOf(owner));
  }

  /**
   * Ends the sessions idle past their expiry at `at`, each after `farewell` (which tells its owner):
   * a session written again in between keeps its new expiry and stays.
   */
  async expire(at: Date, farewell: (owner: SessionOwner, state: SessionState, expiresAt: Date) => Promise<void>): Promise<number> {
    const expired = await this.store.expired(at, EXPIRE_BATCH);
    for (const record of expired) {
      await farewell({ channel: record.channel, userId: record.userId }, { bot: record.bot, step: record.step, data: record.data }, record.expiresAt);
      await this.store.remove(record.id, record.expiresAt);
    }
    return expired.length;
  }
}
