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

export interface ClaimStore {
  /**
   * Takes the claim `id` with `value` unless someone already has it. Returns the
   * value that holds: ours when we won, the earlier holder's otherwise.
   */
  claim(id: string, value: string, at: Date): Promise<{ won: boolean; value: string }>;
  readClaim(id: string): Promise<{ value: string; at: Date } | null>;
  /**
   * Takes the next attempt `<base>#n` of a job that must run once: the first
   * attempt is free; a later one only when the holder of the latest attempt has
   * held it longer than the lease (it died mid-job). Returns whether we hold one.
   */
  claimAttempt(base: string, now: Date, leaseMs: number): Promise<boolean>;
}

/** claimAttempt over a store's claim and readClaim, the same for every store. */
export async function claimNextAttempt(claims: Pick<ClaimStore, 'claim' | 'readClaim'>, base: string, now: Date, leaseMs: number): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    const id = `${base}#${attempt}`;
    if ((await claims.claim(id, 'held', now)).won) return true;
    const holder = await claims.readClaim(id);
    if (holder && holder.at.getTime() + leaseMs > now.getTime()) return false;
  }
}
