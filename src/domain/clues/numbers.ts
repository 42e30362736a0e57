/** Clue numbers: XS-<year>-<sequence>, the sequence at least 4 digits and counted per year. */
export interface ClueNumber {
  year: number;
  seq: number;
}

export function formatClueNumber({ year, seq }: ClueNumber): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError('clue year must have 4 digits');
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError('clue sequence must be a positive integer');
  return `XS-${year}-${String(seq).padStart(4, '0')}`;
}

const CLUE_NUMBER = /^XS-(\d{4})-(\d{4,9})$/;

/** Reads a clue number as people type it: full-width characters, lower case and dash variants are accepted. */
export function parseClueNumber(text: string): ClueNumber | null {
  const normalized = text
    .normalize('NFKC')
    .trim()
    .toUpperCase()
    .replace(/[‐‑‒–—−]/gu, '-');
  const match = CLUE_NUMBER.exec(normalized);
  if (!match) return null;
  const seq = Number(match[2]);
  if (seq < 1 || (match[2]!.length > 4 && match[2]!.startsWith('0'))) return null;
  return { year: Number(match[1]), seq };
}
