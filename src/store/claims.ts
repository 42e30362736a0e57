/**
 * One row per decision that must be taken exactly once (who delivers an outbox
 * attempt, how a message's replies travel, which number is whose). FerretDB 1.x
 * applies an update's read and write separately, so two concurrent
 * findOneAndUpdate calls can both "win"; a unique _id insert cannot.
 */
export interface ClaimDoc {
  _id: string;
  value: string;
  at: Date;
}
