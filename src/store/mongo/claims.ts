import { ClaimModel } from './models/claim';

const DUPLICATE_KEY = 11000;

export function isDuplicateKey(err: unknown): boolean {
  return (err as { code?: number })?.code === DUPLICATE_KEY;
}

/**
 * Takes the claim `id` with `value` unless someone already has it. Returns the
 * value that holds: ours when we won, the earlier holder's otherwise.
 */
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

/**
 * Takes the next attempt `<base>#n` of a job that must run once: the first
 * attempt is free; a later one only when the holder of the latest attempt has
 * held it longer than the lease (it died mid-job). Returns whether we hold one.
 */
export async function claimAttempt(base: string, now: Date, leaseMs: number): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    const id = `${base}#${attempt}`;
    if ((await claim(id, 'held', now)).won) return true;
    const holder = await readClaim(id);
    if (holder && holder.at.getTime() + leaseMs > now.getTime()) return false;
  }
}
