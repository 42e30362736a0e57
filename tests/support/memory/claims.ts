import { claimNextAttempt, type ClaimStore } from '../../../src/store/claims';

/** Claims in a Map: the first to take an id holds it, as with the unique _id insert. For unit tests only. */
export class MemoryClaimStore implements ClaimStore {
  readonly claims = new Map<string, { value: string; at: Date }>();

  async claim(id: string, value: string, at: Date): Promise<{ won: boolean; value: string }> {
    const held = this.claims.get(id);
    if (held) return { won: false, value: held.value };
    this.claims.set(id, { value, at: new Date(at) });
    return { won: true, value };
  }

  async readClaim(id: string): Promise<{ value: string; at: Date } | null> {
    const held = this.claims.get(id);
    return held ? { value: held.value, at: new Date(held.at) } : null;
  }

  claimAttempt(base: string, now: Date, leaseMs: number): Promise<boolean> {
    return claimNextAttempt(this, base, now, leaseMs);
  }
}
