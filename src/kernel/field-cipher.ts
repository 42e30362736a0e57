import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { holdsKeyring } from './held-keyrings';

/** One encrypted field as stored: the id of the key that sealed it travels with it, for rotation. */
export interface EncryptedField {
  keyId: string;
  iv: string;
  tag: string;
  data: string;
}

/** A bad or missing key. Never carries key material. */
export class ClueKeyError extends Error {
  override name = 'ClueKeyError';
}

/** A ciphertext that cannot be opened (tampered, wrong field, or sealed with an unknown key). Never carries plaintext. */
export class ClueDecryptError extends Error {
  override name = 'ClueDecryptError';
}

/** A field of an agency whose keyring the path serving this person does not hold (src/kernel/held-keyrings.ts). */
export class KeyringNotHeld extends ClueDecryptError {
  override name = 'KeyringNotHeld';
}

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ALGORITHM = 'aes-256-gcm';

/** A fixed key for development only: anyone can read data sealed with it. */
const DEVELOPMENT_KEY = createHash('sha256').update('joint-supervision development key - not for production').digest();

/** The key id is a short fingerprint, so operators never have to name keys and cannot mislabel one. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('clue-key-id:').update(key).digest('hex').slice(0, 12);
}

export class Keyring {
  readonly activeKeyId: string;
  private readonly keys = new Map<string, Buffer>();

  /**
   * active seals new data; the others only open data sealed before a rotation. `agency`: whose keyring it is
   * (undefined: the county's), so that a path serving another agency's member cannot open with it.
   */
  constructor(
    active: Buffer,
    others: Buffer[] = [],
    readonly agency?: string,
  ) {
    for (const key of [active, ...others]) {
      if (key.length !== KEY_BYTES) throw new ClueKeyError(`clue encryption keys must be ${KEY_BYTES} bytes`);
      this.keys.set(keyIdOf(key), key);
    }
    this.activeKeyId = keyIdOf(active);
  }

  key(keyId: string): Buffer | undefined {
    return this.keys.get(keyId);
  }

  allKeys(): Buffer[] {
    return [...this.keys.values()];
  }
}

function decodeKey(variable: string, value: string): Buffer {
  const trimmed = value.trim();
  const key = Buffer.from(trimmed, 'base64');
  // Buffer.from silently skips bad characters, so check the text round-trips.
  const canonical = key.toString('base64');
  if (key.length !== KEY_BYTES || canonical.replace(/=+$/, '') !== trimmed.replace(/=+$/, '')) {
    throw new ClueKeyError(`${variable} must be ${KEY_BYTES} bytes in base64 (e.g. from: openssl rand -base64 32)`);
  }
  return key;
}

export interface KeySettings {
  NODE_ENV?: string;
  CLUE_ENCRYPTION_KEY?: string;
  /** Comma-separated retired keys, kept only to read older data. */
  CLUE_ENCRYPTION_OLD_KEYS?: string;
  /** Per agency (code upper-cased): CLUE_ENCRYPTION_KEY_JW, CLUE_ENCRYPTION_OLD_KEYS_JW … */
  [agencyVariable: `CLUE_ENCRYPTION_${string}`]: string | undefined;
}

/** An agency's key derived from the county key, when the agency has no key of its own (HKDF, one label per agency). */
export function agencyKeyFrom(countyKey: Buffer, agency: string): Buffer {
  return Buffer.from(hkdfSync('sha256', countyKey, 'joint-supervision agency key', `agency:${agency}`, KEY_BYTES));
}

const agencyVariable = (agency: string, old = false) => `CLUE_ENCRYPTION_${old ? 'OLD_KEYS' : 'KEY'}_${agency.toUpperCase()}` as const;

/**
 * One keyring per agency: what an agency owns (the clues routed to it, its cases and requests) is sealed
 * under its key, and a path serving another agency holds another keyring, so it cannot open it.
 * An agency's key is CLUE_ENCRYPTION_KEY_<CODE> when set (its retired keys in CLUE_ENCRYPTION_OLD_KEYS_<CODE>),
 * else derived from the county key (and its retired keys from the county's retired keys).
 */
export class AgencyKeys {
  private readonly rings = new Map<string, Keyring>();
  private readonly byKeyId = new Map<string, Keyring>();

  constructor(
    /** The county keyring: seals what belongs to no agency (exchanges about no clue, unrouted drafts, handlers, audit actors). */
    readonly county: Keyring,
    own: Record<string, Keyring> = {},
    agencies: readonly string[] = [],
  ) {
    for (const [agency, ring] of Object.entries(own)) {
      const [active, ...old] = ring.allKeys();
      this.rings.set(agency, ring.agency === agency ? ring : new Keyring(active!, old, agency));
    }
    this.index(county);
    for (const ring of this.rings.values()) this.index(ring);
    for (const agency of agencies) this.ring(agency);
  }

  private index(ring: Keyring): void {
    for (const key of ring.allKeys()) this.byKeyId.set(keyIdOf(key), ring);
  }

  /** The keyring of one agency (derived from the county keys unless the agency has its own). */
  ring(agency: string): Keyring {
    let ring = this.rings.get(agency);
    if (!ring) {
      const [active, ...old] = this.county.allKeys().map((key) => agencyKeyFrom(key, agency));
      ring = new Keyring(active!, old, agency);
      this.rings.set(agency, ring);
      this.index(ring);
    }
    return ring;
  }

  /** The keyring holding a key id, among those built so far (store-layer reads of rows whose owner is not at hand). */
  ringOfKey(keyId: string): Keyring | undefined {
    return this.byKeyId.get(keyId);
  }
}

/**
 * Builds the keyring from the environment. In production a missing key stops start-up;
 * elsewhere a fixed development key is used and the caller must say so loudly.
 */
export function keyringFromEnv(env: KeySettings, agencies: readonly string[] = []): { keyring: Keyring; agencyKeys: AgencyKeys; developmentKey: boolean } {
  const oldKeysOf = (variable: string) =>
    (env[variable as 'CLUE_ENCRYPTION_OLD_KEYS'] ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean)
      .map((k) => decodeKey(variable, k));
  const production = env.NODE_ENV === 'production';
  let keyring: Keyring;
  if (env.CLUE_ENCRYPTION_KEY) {
    const active = decodeKey('CLUE_ENCRYPTION_KEY', env.CLUE_ENCRYPTION_KEY);
    if (production) refuseWeakKey('CLUE_ENCRYPTION_KEY', active);
    keyring = new Keyring(active, oldKeysOf('CLUE_ENCRYPTION_OLD_KEYS'));
  } else {
    if (production) throw new ClueKeyError('CLUE_ENCRYPTION_KEY is required in production');
    keyring = new Keyring(DEVELOPMENT_KEY, oldKeysOf('CLUE_ENCRYPTION_OLD_KEYS'));
  }
  const own: Record<string, Keyring> = {};
  for (const agency of agencies) {
    const value = env[agencyVariable(agency)];
    if (!value) {
      if (env[agencyVariable(agency, true)]) throw new ClueKeyError(`${agencyVariable(agency, true)} is set without ${agencyVariable(agency)}`);
      continue;
    }
    const active = decodeKey(agencyVariable(agency), value);
    if (production) refuseWeakKey(agencyVariable(agency), active);
    // The keys it had while derived still open, so giving an agency its own key loses nothing (then `keys reencrypt`).
    const derived = keyring.allKeys().map((key) => agencyKeyFrom(key, agency));
    own[agency] = new Keyring(active, [...oldKeysOf(agencyVariable(agency, true)), ...derived], agency);
  }
  return { keyring, agencyKeys: new AgencyKeys(keyring, own, agencies), developmentKey: !env.CLUE_ENCRYPTION_KEY };
}

/** Production never seals under the published development key or a key of one repeated byte (all zeros …). */
function refuseWeakKey(variable: string, key: Buffer): void {
  if (key.equals(DEVELOPMENT_KEY)) throw new ClueKeyError(`${variable} is the published development key; generate one: openssl rand -base64 32`);
  if (key.every((byte) => byte === key[0])) throw new ClueKeyError(`${variable} is a weak key (every byte the same); generate one: openssl rand -base64 32`);
}

function blindIndexUnder(key: Buffer, value: string): string {
  return createHmac('sha256', key).update('blind-index:').update(value, 'utf8').digest('base64url');
}

/**
 * Field encryption for clues. `context` (e.g. the field name) is bound in as associated
 * data, so a ciphertext moved to another field does not open.
 */
export class FieldCipher {
  constructor(private readonly keyring: Keyring) {}

  /** The id of the key new data is sealed under. */
  get activeKeyId(): string {
    return this.keyring.activeKeyId;
  }

  encrypt(plaintext: string, context: string): EncryptedField {
    const keyId = this.keyring.activeKeyId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.keyring.key(keyId)!, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { keyId, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
  }

  /** Refused (KeyringNotHeld) on a path serving a person of another agency than the keyring's. */
  decrypt(field: EncryptedField, context: string): string {
    const { agency } = this.keyring;
    if (agency !== undefined && !holdsKeyring(agency)) throw new KeyringNotHeld(`the path serving this person does not hold ${agency}'s keyring`);
    const key = this.keyring.key(field.keyId);
    if (!key) throw new ClueDecryptError(`no clue encryption key with id ${field.keyId}`);
    try {
      const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(field.iv, 'base64'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      const tag = Buffer.from(field.tag, 'base64');
      // GCM would accept a truncated tag; only the full one authenticates properly.
      if (tag.length !== TAG_BYTES) throw new Error('short tag');
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(Buffer.from(field.data, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new ClueDecryptError('clue field failed authentication');
    }
  }

  /**
   * A keyed fingerprint of a value (e.g. who submitted a clue) that can be searched
   * for without storing the value. Written under the active key.
   */
  blindIndex(value: string): string {
    return blindIndexUnder(this.keyring.key(this.keyring.activeKeyId)!, value);
  }

  /** The fingerprints of a value under every key held: search with these, so rotation loses nothing. */
  blindIndexes(value: string): string[] {
    return this.keyring.allKeys().map((key) => blindIndexUnder(key, value));
  }

  /** Whether a stored field should be re-sealed under the active key. */
  isStale(field: EncryptedField): boolean {
    return field.keyId !== this.keyring.activeKeyId;
  }

  /** The field sealed under the active key: itself when it already is, else opened and sealed again. */
  reseal(field: EncryptedField, context: string): EncryptedField {
    return this.isStale(field) ? this.encrypt(this.decrypt(field, context), context) : field;
  }
}
