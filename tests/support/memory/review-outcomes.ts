import type { ReviewOutcome, ReviewOutcomeStore } from '../../../src/store/review-outcomes';
import { byKeys, copies, DuplicateKeyError } from './records';

/** Reconsideration and litigation records in an array, unique by ref. For unit tests only. */
export class MemoryReviewOutcomeStore implements ReviewOutcomeStore {
  readonly records: ReviewOutcome[] = [];

  async insert(record: ReviewOutcome): Promise<void> {
    if (this.records.some((r) => r.ref === record.ref)) throw new DuplicateKeyError('review_outcomes', record.ref);
    this.records.push(structuredClone(record));
  }

  async refsPresent(refs: readonly string[]): Promise<Set<string>> {
    return new Set(this.records.filter((r) => refs.includes(r.ref)).map((r) => r.ref));
  }

  async decidedBetween(from: string, to: string, units?: readonly string[]): Promise<ReviewOutcome[]> {
    return copies(this.records.filter((r) => r.decidedOn >= from && r.decidedOn <= to && (!units || units.includes(r.unit)))).sort(byKeys('decidedOn', 'ref'));
  }
}
