import { isDuplicateKey } from '../store/mongo/claims';
import { SessionModel } from '../store/mongo/models/session';

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

// Every message reads its sender's session: by exact _id, the one lookup FerretDB 1.x does without a scan.
const idOf = (owner: Owner) => `${owner.channel}:${owner.userId}`;

/** The open wizard of a user, or null. An idle one past its expiry is removed and counts as none. */
export async function loadSession(owner: Owner, now: Date): Promise<SessionState | null> {
  const doc = await SessionModel.findById(idOf(owner)).lean();
  if (!doc) return null;
  if (doc.expiresAt <= now) {
    await SessionModel.deleteOne({ _id: doc._id, expiresAt: doc.expiresAt });
    return null;
  }
  return { bot: doc.bot, step: doc.step, data: doc.data ?? {} };
}

export async function saveSession(owner: Owner, state: SessionState, now: Date): Promise<void> {
  const write = () =>
    SessionModel.updateOne(
      { _id: idOf(owner) },
      { $set: { ...state, channel: owner.channel, userId: owner.userId, expiresAt: new Date(now.getTime() + SESSION_IDLE_MS) } },
      { upsert: true },
    );
  try {
    await write();
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    // A session stored before sessions were keyed by _id holds the (channel, userId) slot: replace it.
    await SessionModel.deleteMany({ channel: owner.channel, userId: owner.userId, _id: { $ne: idOf(owner) } });
    await write();
  }
}

export async function endSession(owner: Owner): Promise<void> {
  await SessionModel.deleteOne({ _id: idOf(owner) });
}
