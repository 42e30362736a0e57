import { outsideKeyringScope } from '../../kernel/held-keyrings';
import { AgencyKeys, ClueDecryptError, FieldCipher, keyringFromEnv, type EncryptedField, type Keyring } from '../../kernel/field-cipher';

/**
 * Encryption at rest for everything personal or confidential outside the clue service: the conversation log,
 * the outbox and sessions (under the keys of the agencies whose clue content the exchange carried, src/kernel/content-owners.ts;
 * else the county key), and the free text and names of every register (under the
 * key of the agency that owns the row, declared once per model with `sealedFields`). One set of keys per
 * process, set at start-up (the development key until then).
 */
let keys = keyringFromEnv({}).agencyKeys;

/** The process's keys; a single keyring (older callers, tests) is taken as the county keyring with derived agency keys. */
export function useAtRestKeys(agencyKeys: AgencyKeys | Keyring): void {
  keys = agencyKeys instanceof AgencyKeys ? agencyKeys : new AgencyKeys(agencyKeys);
}

/** The keys in use (the clue service and `keys reencrypt` take their keyrings from here too). */
export function atRestKeys(): AgencyKeys {
  return keys;
}

/** A cipher holding one agency's keyring only (or the county's): it cannot open what another agency owns. */
export function cipherFor(agency?: string): FieldCipher {
  return new FieldCipher(agency ? keys.ring(agency) : keys.county);
}

/**
 * Sealed under the owner's key; several owners (an exchange about clues of two agencies) seal in layers, one per
 * owner, so only a holder of every one of their keys opens it; no owner: the county key.
 */
export function sealJson(value: unknown, context: string, owners?: string | readonly string[]): EncryptedField {
  const [first, ...rest] = typeof owners === 'string' ? [owners] : owners?.length ? owners : [undefined];
  let sealed = cipherFor(first).encrypt(JSON.stringify(value), context);
  for (const owner of rest) sealed = cipherFor(owner).encrypt(JSON.stringify(sealed), context);
  return sealed;
}

/** A value sealed by sealJson sealed again when any layer is not under its owner's current key (`keys reencrypt`); null when current. */
export function resealJson(stored: unknown, context: string, owners: readonly string[]): EncryptedField | null {
  const expected = (owners.length ? [...owners].reverse() : [undefined]).map((owner) => cipherFor(owner).activeKeyId);
  let value = stored;
  let layers = 0;
  let stale = false;
  while (isSealed(value)) {
    if (value.keyId !== expected[layers++]) stale = true;
    value = openLayer(value, context);
  }
  return stale || layers !== expected.length ? sealJson(value, context, owners) : null;
}

export function isSealed(value: unknown): value is EncryptedField {
  const v = value as Partial<EncryptedField> | null;
  return typeof v === 'object' && v !== null && typeof v.keyId === 'string' && typeof v.data === 'string' && typeof v.iv === 'string';
}

/** Opens a sealed value at the store layer, under whichever held keyring sealed it; a plain one (written before sealing existed) is returned as it is. */
export function openJson<T>(stored: unknown, context: string): T {
  let value = stored;
  while (isSealed(value)) value = openLayer(value, context);
  return value as T;
}

function openLayer(sealed: EncryptedField, context: string): unknown {
  const ring: Keyring | undefined = keys.ringOfKey(sealed.keyId);
  if (!ring) throw new ClueDecryptError(`no clue encryption key with id ${sealed.keyId}`);
  return JSON.parse(new FieldCipher(ring).decrypt(sealed, context));
}

/** Opens a sealed value with one given keyring only (a path serving one agency): another agency's row is refused. */
export function openJsonWith<T>(cipher: FieldCipher, stored: unknown, context: string): T {
  return (isSealed(stored) ? JSON.parse(cipher.decrypt(stored, context)) : stored) as T;
}

type Row = Record<string, unknown>;

/** Applies fn to the value at a dotted path, through arrays, in place; missing parts are skipped. */
function atPath(row: unknown, path: string[], fn: (value: unknown) => unknown): void {
  if (row === null || typeof row !== 'object') return;
  if (Array.isArray(row)) {
    for (const item of row) atPath(item, path, fn);
    return;
  }
  const [head, ...rest] = path as [string, ...string[]];
  const obj = row as Row;
  if (obj[head] === undefined || obj[head] === null) return;
  if (rest.length) atPath(obj[head], rest, fn);
  else obj[head] = fn(obj[head]);
}

/** Reads a dotted path (no arrays): the owner of a row. */
function read(row: Row, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Row)[key] : undefined), row);
}

/**
 * The one declaration of a model's sealed fields (dotted paths, through arrays) and of the path that names the
 * agency owning a row: every write seals them under that agency's key, every read opens them. Each field is
 * bound to `<model>.<path>`, so a ciphertext moved to another field or model does not open.
 */
export interface SealedFields<T> {
  readonly model: string;
  readonly fields: readonly string[];
  readonly owner: string;
  /** A whole row as written (insert): sealed under the agency its owner path names. */
  seal(row: T | Partial<T>): Row;
  /** A `$set` of an update (keys may be dotted), sealed under the given owner. */
  sealSet(set: Row, owner: string): Row;
  /**
   * A row as read (lean), opened; _id and __v dropped. Outside the keyring scope of the person served
   * (src/kernel/held-keyrings.ts): a register's reads are filtered by the visibility policy, which lets
   * readers of other agencies see its rows (a document's recipients, a meeting's invitees, …).
   */
  open(row: Row): T;
  openAll(rows: Row[]): T[];
  /** The row's sealed fields again, under its owner's current key (`keys reencrypt`); null when nothing changes. */
  reseal(row: Row): Row | null;
}

/**
 * A deep copy in which no object is shared: structuredClone keeps two references to one object (a document whose
 * `createdBy` and `reply.by` are the same actor) as one, and sealing one field would then seal the other under the
 * wrong context.
 */
function treeCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map(treeCopy) as T;
  if (value instanceof Date) return new Date(value) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, treeCopy(inner)])) as T;
  }
  return value;
}

export function sealedFields<T>(
  model: string,
  owner: string,
  fields: readonly string[],
  /** Contexts fields were sealed under before this declaration (field → context): such rows still open. */
  legacy: Record<string, string> = {},
): SealedFields<T> {
  const context = (field: string) => `${model}.${field}`;
  const openField = (value: unknown, field: string) => {
    try {
      return openJson(value, context(field));
    } catch (err) {
      if (!legacy[field] || !(err instanceof ClueDecryptError)) throw err;
      return openJson(value, legacy[field]);
    }
  };
  const sealEach = (row: Row, ownerAgency: string, only: readonly string[] = fields, prefix = '') => {
    for (const field of only)
      atPath(row, field.slice(prefix.length).split('.'), (value) => (isSealed(value) ? value : sealJson(value, context(field), ownerAgency)));
  };
  return {
    model,
    fields,
    owner,
    seal(row) {
      const copy = treeCopy(row) as Row;
      const ownerAgency = read(copy, owner);
      if (typeof ownerAgency !== 'string') throw new Error(`${model}: a row without its owner (${owner}) cannot be sealed`);
      sealEach(copy, ownerAgency);
      return copy;
    },
    sealSet(set, ownerAgency) {
      const copy = treeCopy(set);
      for (const key of Object.keys(copy)) {
        for (const field of fields) {
          if (field === key) copy[key] = copy[key] === null || copy[key] === undefined ? copy[key] : sealJson(copy[key], context(field), ownerAgency);
          else if (field.startsWith(`${key}.`)) sealEach({ [key]: copy[key] } as Row, ownerAgency, [field]);
        }
      }
      return copy;
    },
    open(row) {
      const { _id, __v, ...rest } = structuredClone(row);
      outsideKeyringScope(() => {
        for (const field of fields) atPath(rest, field.split('.'), (value) => openField(value, field));
      });
      return rest as T;
    },
    openAll(rows) {
      return rows.map((row) => this.open(row));
    },
    reseal(row) {
      const ownerAgency = read(row, owner);
      if (typeof ownerAgency !== 'string') return null;
      const active = keys.ring(ownerAgency).activeKeyId;
      let stale = false;
      const copy = structuredClone(row);
      for (const field of fields) {
        atPath(copy, field.split('.'), (value) => {
          if (isSealed(value) && value.keyId === active) return value;
          stale = true;
          return sealJson(openField(value, field), context(field), ownerAgency);
        });
      }
      if (!stale) return null;
      const set: Row = {};
      for (const field of fields) {
        const top = field.split('.')[0]!;
        if (copy[top] !== undefined) set[top] = copy[top];
      }
      return set;
    },
  };
}
