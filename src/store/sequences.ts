/** Named number sequences (e.g. `XS-2026`): no duplicate and no gap among concurrent callers. */
export interface SequenceStore {
  next(name: string, now: Date): Promise<number>;
}
