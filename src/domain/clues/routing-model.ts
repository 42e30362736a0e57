/**
 * A text classifier for short Chinese reports: complement naive Bayes over the character 1- and
 * 2-grams present in the text (each counted once), with Laplace smoothing. Training is one pass
 * over the examples, so it runs at every start-up. Naive Bayes multiplies the evidence of
 * overlapping n-grams as if they were independent, which makes its raw probabilities far too
 * sure; the scores are therefore averaged per n-gram and multiplied by SHARPNESS (a temperature,
 * chosen by cross-validation: `npm run routing:eval`) before the softmax, so that the probability
 * of the most likely label can decide when to ask. `evidence` names the stretches of text that
 * pushed one label over another.
 */

export interface LabelledText<L extends string> {
  text: string;
  label: L;
}

export interface TextClassifier<L extends string> {
  readonly labels: readonly L[];
  /** Every label with its probability, the most likely first. */
  predict(text: string): Array<{ label: L; probability: number }>;
  /** The stretches of the (normalized) text that most favour `label` over `against`, strongest first. */
  evidence(text: string, label: L, against: L, limit?: number): string[];
}

const NGRAM_SIZES = [1, 2];
const SMOOTHING = 0.5;
const SHARPNESS = 10;
/** A text with fewer known n-grams than this is only as sure as its share of them (a few words prove little). */
const FULL_EVIDENCE = 40;
/** A bigram is named as evidence only when this many examples of the label have it (rarer ones are noise). */
const EVIDENCE_SUPPORT = 3;

/** Full-width to half-width, no whitespace, lower case: the form texts are compared in. */
export function normalizeForMatching(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}

interface Gram {
  gram: string;
  /** Where it starts and ends in the normalized text. */
  start: number;
  end: number;
}

/** The n-grams of each run of letters and digits (digits read as 0: amounts vary), cut at punctuation. */
function grams(normalized: string): Gram[] {
  const out: Gram[] = [];
  for (const run of normalized.matchAll(/[\p{L}\p{N}]+/gu)) {
    const chars = [...run[0]];
    const starts = [run.index];
    for (const ch of chars) starts.push(starts.at(-1)! + ch.length);
    const folded = chars.map((ch) => (/\p{Nd}/u.test(ch) ? '0' : ch));
    for (const n of NGRAM_SIZES) {
      for (let i = 0; i + n <= folded.length; i += 1) out.push({ gram: folded.slice(i, i + n).join(''), start: starts[i]!, end: starts[i + n]! });
    }
  }
  return out;
}

const distinct = (list: Gram[]) => [...new Set(list.map((g) => g.gram))];

function softmax(scores: number[]): number[] {
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/**
 * prepare: rewrites the normalized text before its n-grams are taken, keeping every character
 * where it is (same length), e.g. to read every official's title as one mark.
 */
export function trainTextClassifier<L extends string>(
  examples: ReadonlyArray<LabelledText<L>>,
  labels: readonly L[],
  prepare: (normalized: string) => string = (normalized) => normalized,
): TextClassifier<L> {
  const gramsOf = (text: string) => grams(prepare(normalizeForMatching(text)));
  /** Per n-gram, in how many examples of each label it occurs. */
  const occurrences = new Map<string, number[]>();
  const gramsPerLabel = labels.map(() => 0);
  for (const example of examples) {
    const c = labels.indexOf(example.label);
    if (c < 0) throw new Error(`an example is labelled ${example.label}, not one of ${labels.join(', ')}`);
    for (const gram of distinct(gramsOf(example.text))) {
      const counts = occurrences.get(gram) ?? labels.map(() => 0);
      counts[c]! += 1;
      occurrences.set(gram, counts);
      gramsPerLabel[c]! += 1;
    }
  }
  const vocabulary = occurrences.size;
  const allGrams = gramsPerLabel.reduce((a, b) => a + b, 0);
  // Complement naive Bayes: how likely the n-gram is in the examples of every OTHER label; a label
  // is favoured by what its rivals lack. Steadier than plain naive Bayes when labels have very
  // different numbers of examples (15 jcy categories, some with 4 examples).
  const logLikelihood = (gram: string, c: number) => {
    const counts = occurrences.get(gram)!;
    const elsewhere = counts.reduce((a, b) => a + b, 0) - counts[c]!;
    return -Math.log((elsewhere + SMOOTHING) / (allGrams - gramsPerLabel[c]! + SMOOTHING * vocabulary));
  };
  const known = (text: string) => distinct(gramsOf(text)).filter((gram) => occurrences.has(gram));

  return {
    labels,
    predict(text) {
      const present = known(text);
      const scores = labels.map(
        (_, c) => (SHARPNESS * present.reduce((sum, gram) => sum + logLikelihood(gram, c), 0)) / Math.max(present.length, FULL_EVIDENCE),
      );
      const p = softmax(scores);
      return labels.map((label, c) => ({ label, probability: p[c]! })).sort((a, b) => b.probability - a.probability);
    },
    evidence(text, label, against, limit = 4) {
      const normalized = normalizeForMatching(text);
      const [c, o] = [labels.indexOf(label), labels.indexOf(against)];
      // Well-supported bigrams that favour label, strongest first; the strongest few merge where they overlap.
      const pushes = gramsOf(text)
        .filter((g) => g.end - g.start > 1 && (occurrences.get(g.gram)?.[c] ?? 0) >= EVIDENCE_SUPPORT)
        .map((g) => ({ start: g.start, end: g.end, push: logLikelihood(g.gram, c) - logLikelihood(g.gram, o) }))
        .filter((g) => g.push > 0)
        .sort((a, b) => b.push - a.push)
        .slice(0, limit * 2)
        .sort((a, b) => a.start - b.start);
      const spans: typeof pushes = [];
      for (const g of pushes) {
        const last = spans.at(-1);
        if (last && g.start <= last.end) {
          last.end = Math.max(last.end, g.end);
          last.push += g.push;
        } else spans.push({ ...g });
      }
      return spans
        .sort((a, b) => b.push - a.push)
        .slice(0, limit)
        .map((s) => normalized.slice(s.start, s.end));
    },
  };
}
