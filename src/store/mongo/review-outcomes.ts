import type { ReviewOutcome, ReviewOutcomeStore } from '../review-outcomes';
import { ReviewOutcomeModel } from './models/review-outcome';

export class MongoReviewOutcomeStore implements ReviewOutcomeStore {
  async insert(record: ReviewOutcome): Promise<void> {
    await ReviewOutcomeModel.create(record);
  }

  async refsPresent(refs: readonly string[]): Promise<Set<string>> {
    return new Set((await ReviewOutcomeModel.find({ ref: { $in: refs } }, { ref: 1 }).lean()).map((r) => r.ref));
  }

  decidedBetween(from: string, to: string, units?: readonly string[]): Promise<ReviewOutcome[]> {
    return ReviewOutcomeModel.find({ decidedOn: { $gte: from, $lte: to }, ...(units ? { unit: { $in: units } } : {}) })
      .sort({ decidedOn: 1, ref: 1 })
      .lean<ReviewOutcome[]>();
  }
}
