import type { ReviewOutcome, ReviewOutcomeStore } from '../review-outcomes';
import { sealedFields } from './at-rest';
import { ReviewOutcomeModel } from './models/review-outcome';

/** Who recorded an outcome, under the key of their agency; the rest are categories and numbers the reports count. */
export const REVIEW_OUTCOME_SEALING = sealedFields<ReviewOutcome>('review-outcome', 'createdBy.agency', ['createdBy.name']);

export class MongoReviewOutcomeStore implements ReviewOutcomeStore {
  async insert(record: ReviewOutcome): Promise<void> {
    await ReviewOutcomeModel.create(REVIEW_OUTCOME_SEALING.seal(record));
  }

  async refsPresent(refs: readonly string[]): Promise<Set<string>> {
    return new Set((await ReviewOutcomeModel.find({ ref: { $in: refs } }, { ref: 1 }).lean()).map((r) => r.ref));
  }

  async decidedBetween(from: string, to: string, units?: readonly string[]): Promise<ReviewOutcome[]> {
    return REVIEW_OUTCOME_SEALING.openAll(
      await ReviewOutcomeModel.find({ decidedOn: { $gte: from, $lte: to }, ...(units ? { unit: { $in: units } } : {}) })
        .sort({ decidedOn: 1, ref: 1 })
        .lean<Record<string, unknown>[]>(),
    );
  }
}
