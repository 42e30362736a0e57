import { SessionModel } from '../store/models/session';

export const SESSION_IDLE_MS = 30 * 60_000;

export interface SessionState {
  bot: string;
  step: string;
  data: Record<string, unknown>;
}

interface Owner {
  channel: string;
  userId: string;
}

/** The open wizard of a user, or null. An idle one past its expiry is removed and counts as none. */
export async function loadSession(owner: Owner, now: Date): Promise<SessionState | null> {
  const doc = await SessionModel.findOne(owner).lean();
  if (!doc) return null;
  if (doc.expiresAt <= now) {
    await SessionModel.deleteOne({ ...owner, expiresAt: doc.expiresAt });
    return null;
  }
  return { bot: doc.bot, step: doc.step, data: doc.data ?? {} };
}

export async function saveSession(owner: Owner, state: SessionState, now: Date): Promise<void> {
  await SessionModel.updateOne(
    owner,
    { $set: { ...state, expiresAt: new Date(now.getTime() + SESSION_IDLE_MS) } },
    { upsert: true },
  );
}

export async function endSession(owner: Owner): Promise<void> {
  await SessionModel.deleteOne(owner);
}
