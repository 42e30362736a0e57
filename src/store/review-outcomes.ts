import type { ReviewKind } from '../config/review-outcomes';
import type { Actor } from './documents';

/**
 * A decided 行政复议 or 行政诉讼 case against an enforcement unit's act. `ref`
 * (`<kind>:<case number>`) is unique, so re-importing a file adds only what is missing.
 */
export interface ReviewOutcome {
  ref: string;
  kind: ReviewKind;
  caseNumber: string;
  unit: string;
  actType: string;
  outcome: string;
  /** Whether the outcome counts as a correction (复议) or a loss (诉讼): config/review-outcomes.yaml `adverse`. */
  adverse: boolean;
  /** The reason category of a correction or loss; empty for the others. */
  reason: string;
  /** Decision or judgment date, YYYY-MM-DD Asia/Shanghai. */
  decidedOn: string;
  source: 'chat' | 'import';
  createdBy: Actor;
  createdAt: Date;
}

/** Decided reconsideration and litigation cases (collection `review_outcomes`). */
export interface ReviewOutcomeStore {
  /** Adds a record; its ref is unique. */
  insert(record: ReviewOutcome): Promise<void>;
  /** The refs among `refs` already stored. */
  refsPresent(refs: readonly string[]): Promise<Set<string>>;
  /** Records decided from `from` to `to` (both included), of the given units when given. */
  decidedBetween(from: string, to: string, units?: readonly string[]): Promise<ReviewOutcome[]>;
}
