import type { SequenceStore } from '../../../src/store/sequences';

/** Counters in a Map: for unit tests only. */
export class MemorySequenceStore implements SequenceStore {
  readonly counters = new Map<string, number>();

  async next(name: string): Promise<number> {
    const seq = (this.counters.get(name) ?? 0) + 1;
    this.counters.set(name, seq);
    return seq;
  }
}
