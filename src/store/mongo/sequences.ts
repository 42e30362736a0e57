import type { SequenceStore } from '../sequences';
import { claim } from './claims';
import { CounterModel } from './models/counter';

/**
 * The next number of a named sequence (e.g. `XS-2026`): no duplicate and no gap
 * among concurrent callers. The counter is only a hint (FerretDB 1.x does not
 * apply `$inc` atomically under concurrency); a number becomes someone's by a
 * unique insert `seq:<name>:<n>`, and a caller whose hint is taken tries the next.
 */
async function nextSequence(name: string, now: Date): Promise<number> {
  const hint = await CounterModel.findOneAndUpdate({ _id: name }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' })
    .lean()
    .catch(() => null);
  for (let seq = Math.max(1, hint?.seq ?? 1); ; seq++) {
    const taken = await claim(`seq:${name}:${seq}`, 'taken', now);
    if (taken.won) {
      if (seq !== hint?.seq) await CounterModel.updateOne({ _id: name }, { $max: { seq } });
      return seq;
    }
  }
}

export class MongoSequenceStore implements SequenceStore {
  next(name: string, now: Date): Promise<number> {
    return nextSequence(name, now);
  }
}
