/** What the memory stores share: the unique-index error and the sort orders of the mongoose queries. */

/** A second record with a unique key, as the database's E11000 refuses it. */
export class DuplicateKeyError extends Error {
  readonly code = 11000;
  constructor(collection: string, key: string) {
    super(`E11000 duplicate key in ${collection}: ${key}`);
  }
}

type Sortable = string | number | Date | null | undefined;

function compare(a: Sortable, b: Sortable): number {
  const x = a instanceof Date ? a.getTime() : a;
  const y = b instanceof Date ? b.getTime() : b;
  if (x === y) return 0;
  if (x === null || x === undefined) return -1;
  if (y === null || y === undefined) return 1;
  return x < y ? -1 : 1;
}

/** `sort({ a: 1, b: 1 })`; a key prefixed with `-` sorts descending. Stable, as the database's order of equal rows is insertion order here. */
export function byKeys<T>(...keys: ((keyof T & string) | `-${keyof T & string}`)[]): (a: T, b: T) => number {
  return (a, b) => {
    for (const key of keys) {
      const descending = key.startsWith('-');
      const field = (descending ? key.slice(1) : key) as keyof T;
      const order = compare(a[field] as Sortable, b[field] as Sortable);
      if (order !== 0) return descending ? -order : order;
    }
    return 0;
  };
}

/** A record as a query returns it: a copy, so a caller's changes never reach the store. */
export function copy<T>(record: T | undefined): T | null {
  return record === undefined ? null : structuredClone(record);
}

export function copies<T>(records: readonly T[]): T[] {
  return records.map((r) => structuredClone(r));
}
