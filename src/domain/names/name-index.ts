/**
 * Finding one thing by the name a person typed: a full name, a short name, an alias or code, a part
 * only one name contains, or — when nothing fits — the names within a typo or two of it.
 * Pure and generic: agencies, people and document kinds each build one (src/domain/names/names.ts).
 */

export interface NamedEntry<T> {
  value: T;
  /** How it is shown in a question or a button, e.g. 县纪委监委. */
  label: string;
  /** Every name it answers to (label included): short name, aliases, code. */
  names: readonly string[];
}

export type NameMatch<T> =
  | { kind: 'found'; entry: NamedEntry<T> }
  /** Several fit equally well: ask which. */
  | { kind: 'ambiguous'; entries: NamedEntry<T>[] }
  /** None fits, these are close: 您是不是要找. */
  | { kind: 'suggest'; entries: NamedEntry<T>[] }
  | { kind: 'none' };

/** Full-width to half-width, lower case, no spaces or punctuation: 「 Ｊｗ 」 and jw are one name. */
export function normalizeName(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
}

/** Levenshtein distance, for the short strings names are. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length]!;
}

/** How many typos a name of this length tolerates: one up to four characters, two beyond. */
function tolerance(length: number): number {
  return length <= 1 ? 0 : length <= 4 ? 1 : 2;
}

const MAX_SUGGESTIONS = 4;

export class NameIndex<T> {
  private readonly keyed: ReadonlyArray<{ entry: NamedEntry<T>; keys: string[] }>;

  constructor(readonly entries: readonly NamedEntry<T>[]) {
    this.keyed = entries.map((entry) => ({ entry, keys: [...new Set([entry.label, ...entry.names].map(normalizeName).filter(Boolean))] }));
  }

  match(text: string): NameMatch<T> {
    const wanted = normalizeName(text);
    if (!wanted) return { kind: 'none' };
    const exact = this.where((keys) => keys.includes(wanted));
    if (exact.length) return exact.length === 1 ? { kind: 'found', entry: exact[0]! } : { kind: 'ambiguous', entries: exact };
    // 纪委 → 县纪委监委 (a part of a name), 县生态环境局 → 生态环境局 (a name inside what was typed).
    const part = this.where((keys) => keys.some((key) => (wanted.length >= 2 && key.includes(wanted)) || (key.length >= 2 && wanted.includes(key))));
    if (part.length === 1) return { kind: 'found', entry: part[0]! };
    if (part.length > 1) return { kind: 'ambiguous', entries: this.closestFirst(part, wanted) };
    const near = this.keyed
      .map(({ entry, keys }) => ({
        entry,
        distance: Math.min(...keys.map((key) => editDistance(key, wanted) - tolerance(Math.max(key.length, wanted.length)))),
      }))
      .filter((c) => c.distance <= 0)
      .sort((a, b) => a.distance - b.distance)
      .map((c) => c.entry);
    return near.length ? { kind: 'suggest', entries: near.slice(0, MAX_SUGGESTIONS) } : { kind: 'none' };
  }

  /**
   * Every entry named in a longer text (e.g. a leader's question 检察院本月收到几条线索), longest names
   * first so that 县纪委监委 is not also read as 纪委.
   */
  mentions(text: string): NamedEntry<T>[] {
    let rest = normalizeName(text);
    const found: NamedEntry<T>[] = [];
    const keys = this.keyed
      .flatMap(({ entry, keys }) => keys.filter((key) => key.length >= 2).map((key) => ({ entry, key })))
      .sort((a, b) => b.key.length - a.key.length);
    for (const { entry, key } of keys) {
      if (!rest.includes(key)) continue;
      rest = rest.split(key).join('\u0000');
      if (!found.includes(entry)) found.push(entry);
    }
    return found;
  }

  private where(test: (keys: string[]) => boolean): NamedEntry<T>[] {
    return this.keyed.filter(({ keys }) => test(keys)).map(({ entry }) => entry);
  }

  private closestFirst(entries: NamedEntry<T>[], wanted: string): NamedEntry<T>[] {
    const score = (entry: NamedEntry<T>) => Math.min(...[entry.label, ...entry.names].map((name) => editDistance(normalizeName(name), wanted)));
    return [...entries].sort((a, b) => score(a) - score(b));
  }
}
