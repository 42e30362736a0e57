import mongoose from 'mongoose';

/** Collections that record traffic rather than cases: the conversation log, roster (and its change stamp), sessions, pushes, audit trail, claims. */
const TRAFFIC = new Set(['conversations', 'roster', 'roster_stamps', 'sessions', 'outbox', 'clue_audit', 'claims']);

/**
 * How many documents each case-bearing collection (clues, documents, meetings,
 * counters …) holds, plus numbers taken (`seq:` claims): for "nothing stored as a case".
 */
export async function storedCases(): Promise<Record<string, number>> {
  const db = mongoose.connection.db;
  if (!db) throw new Error('not connected');
  const counts: Record<string, number> = {};
  for (const { name } of await db.listCollections().toArray()) {
    const n = TRAFFIC.has(name)
      ? name === 'claims'
        ? await db.collection(name).countDocuments({ _id: { $regex: '^seq:' } } as object)
        : 0
      : await db.collection(name).countDocuments();
    if (n > 0) counts[name] = n;
  }
  return counts;
}
