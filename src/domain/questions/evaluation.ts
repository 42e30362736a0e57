import type { LocalDate } from '../../kernel/time/local-date';
import { parseKey, readQuestion, type UnitNames } from './question';

/** One line of the evaluation set: the question and the parse expected (parseKey, or `ask`). */
export interface EvalCase {
  line: number;
  question: string;
  expected: string;
}

/** Reads the TSV (`#` lines are comments). */
export function readEvalSet(tsv: string): EvalCase[] {
  return tsv.split('\n').flatMap((text, i) => {
    if (!text.trim() || text.startsWith('#')) return [];
    const [question, expected] = text.split('\t');
    return question && expected ? [{ line: i + 1, question, expected: expected.trim() }] : [];
  });
}

export interface EvalResult {
  total: number;
  right: number;
  wrong: { case: EvalCase; got: string }[];
}

/** Parses every question as on `today` and compares it with what was expected. */
export function evaluate(cases: readonly EvalCase[], today: LocalDate, names: UnitNames): EvalResult {
  const wrong: EvalResult['wrong'] = [];
  for (const c of cases) {
    const reading = readQuestion(c.question, today, names);
    const got = reading.kind === 'ask' ? 'ask' : parseKey(reading.slots);
    if (got !== c.expected) wrong.push({ case: c, got });
  }
  return { total: cases.length, right: cases.length - wrong.length, wrong };
}
