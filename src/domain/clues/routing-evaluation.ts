import { CLUE_ROUTES, type ClueRoute, type CorpusExample, type RoutingRules } from '../../config/routing';
import { createClueRouter, type RoutingResult } from './routing';

export type Outcome = ClueRoute | 'ask' | 'higher-level' | 'unsure-level';

/** What the router did with examples it never trained on. */
export interface RoutingEvaluation {
  folds: number;
  /** Clear clues (labelled jw, jcy or sfj): rows are the labels, columns what the router did. */
  confusion: Record<ClueRoute, Record<Outcome, number>>;
  clear: number;
  /** Routed to the labelled agency without asking, of the clear clues. */
  routedRight: number;
  /** Asked, of the clear clues. */
  asked: number;
  /** Routed to the labelled route with the labelled category. */
  categoryRight: number;
  /** Labelled jw and routed elsewhere without asking (the target is 0). */
  jwRoutedOutside: number;
  /** Ambiguous clues (labelled ask) and how many the router asked about. */
  ambiguous: { total: number; asked: number };
  /** Clues about an official managed above the county: refused, or the officer asked. */
  higherLevel: { total: number; refused: number; askedOfficer: number };
  /** Clear clues routed to another agency without asking, and higher-level ones stored: what to look at. */
  mistakes: Array<{ example: CorpusExample; outcome: Outcome }>;
}

export function outcomeOf(result: RoutingResult): Outcome {
  if (result.level.kind === 'higher') return 'higher-level';
  if (result.level.kind === 'unsure') return 'unsure-level';
  return result.kind === 'ask' ? 'ask' : result.route;
}

/** Splits the examples into k folds, each label spread evenly over them in corpus order. */
export function foldsOf<T extends { label: string }>(examples: readonly T[], k: number): T[][] {
  const folds: T[][] = Array.from({ length: k }, () => []);
  const seen = new Map<string, number>();
  for (const example of examples) {
    const n = seen.get(example.label) ?? 0;
    seen.set(example.label, n + 1);
    folds[n % k]!.push(example);
  }
  return folds;
}

/** Evaluates routers trained on the other folds on each fold in turn (k-fold cross-validation). */
export function crossValidate(rules: RoutingRules, examples: readonly CorpusExample[], k = 10): RoutingEvaluation {
  const folds = foldsOf(examples, k);
  const results = folds.flatMap((heldOut, i) => {
    const route = createClueRouter(
      rules,
      folds.flatMap((fold, j) => (j === i ? [] : fold)),
    );
    return heldOut.map((example) => {
      const result = route(example.text);
      return { example, outcome: outcomeOf(result), category: result.category };
    });
  });
  return { folds: k, ...tally(results) };
}

/** Tallies what a router did with held-out examples. */
export function tally(results: ReadonlyArray<{ example: CorpusExample; outcome: Outcome; category: string }>): Omit<RoutingEvaluation, 'folds'> {
  const outcomes: Outcome[] = [...CLUE_ROUTES, 'ask', 'higher-level', 'unsure-level'];
  const confusion = Object.fromEntries(CLUE_ROUTES.map((route) => [route, Object.fromEntries(outcomes.map((o) => [o, 0]))])) as RoutingEvaluation['confusion'];
  const evaluation: Omit<RoutingEvaluation, 'folds'> = {
    confusion,
    clear: 0,
    routedRight: 0,
    asked: 0,
    categoryRight: 0,
    jwRoutedOutside: 0,
    ambiguous: { total: 0, asked: 0 },
    higherLevel: { total: 0, refused: 0, askedOfficer: 0 },
    mistakes: [],
  };
  for (const { example, outcome, category } of results) {
    if (example.label === 'ask') {
      evaluation.ambiguous.total += 1;
      if (outcome === 'ask') evaluation.ambiguous.asked += 1;
      continue;
    }
    if (example.label === 'higher') {
      evaluation.higherLevel.total += 1;
      if (outcome === 'higher-level') evaluation.higherLevel.refused += 1;
      if (outcome === 'unsure-level') evaluation.higherLevel.askedOfficer += 1;
      if (outcome !== 'higher-level' && outcome !== 'unsure-level') evaluation.mistakes.push({ example, outcome });
      continue;
    }
    confusion[example.label][outcome] += 1;
    evaluation.clear += 1;
    if (outcome === example.label) evaluation.routedRight += 1;
    if (outcome === example.label && category === example.category) evaluation.categoryRight += 1;
    if (outcome === 'ask') evaluation.asked += 1;
    else if (outcome !== example.label) evaluation.mistakes.push({ example, outcome });
    if (example.label === 'jw' && (outcome === 'jcy' || outcome === 'sfj')) evaluation.jwRoutedOutside += 1;
  }
  return evaluation;
}
