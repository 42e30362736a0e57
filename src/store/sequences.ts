import { CounterModel } from './models/counter';

const DUPLICATE_KEY = 11000;

/**
 * The next number of a named sequence (e.g. `XS-2026`), atomically: concurrent
 * callers never get the same number. The first call of a new sequence may race
 * on the upsert; the loser simply retries.
 */
export async function nextSequence(name: string): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    try {
      const doc = await CounterModel.findOneAndUpdate(
        { _id: name },
        { $inc: { seq: 1 } },
        { upsert: true, returnDocument: 'after' },
      ).lean();
      return doc!.seq;
    } catch (err) {
      if ((err as { code?: number }).code !== DUPLICATE_KEY || attempt >= 3) throw err;
    }
  }
}

/** Formats `PREFIX-YYYY-NNNN`, the numbering every register of the bot uses. */
export function formatNumber(prefix: string, year: number, seq: number): string {
  return `${prefix}-${year}-${String(seq).padStart(4, '0')}`;
}
