import { claimNextAttempt, type ClaimStore } from '../claims';
import { ClaimModel } from './models/claim';

const DUPLICATE_KEY = 11000;

export function isDuplicateKey(err: unknown): boolean {
  return (err as { code?: number })?.code === DUPLICATE_KEY;
}

/** See ClaimStore.claim: a unique _id insert, atomic on FerretDB and MongoDB alike. */
export async function claim(id: string, value: string, at: Date): Promise<{ won: boolean; value: string }> {
  try {
    await ClaimModel.create({ _id: id, value, at });
    return { won: true, value };
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const existing = await ClaimModel.findById(id).lean();
    return { won: false, value: existing?.value ?? value };
  }
}

export async function readClaim(id: string): Promise<{ value: string; at: Date } | null> {
  return ClaimModel.findById(id, { value: 1, at: 1 }).lean();
}

/** See ClaimStore.claimAttempt. */
export function claimAttempt(base: string, now: Date, leaseMs: number): Promise<boolean> {
  return claimNextAttempt({ claim, readClaim }, base, now, leaseMs);
}

export class MongoClaimStore implements ClaimStore {
  claim(id: string, value: string, at: Date) {
    return claim(id, value, at);
  }

  readClaim(id: string) {
    return readClaim(id);
  }

  claimAttempt(base: string, now: Date, leaseMs: number) {
    return claimAttempt(base, now, leaseMs);
  }
}
