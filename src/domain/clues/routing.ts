import { CLUE_ROUTES, type ClueRoute, type CorpusExample, type RoutingRules } from '../../config/routing';
import { normalizeForMatching, trainTextClassifier, type TextClassifier } from './routing-model';

export { normalizeForMatching } from './routing-model';

/** Whether the clue's subject is managed above the county (then it is not stored), or may be. */
export type SubjectLevel = { kind: 'county' } | { kind: 'higher'; rank: string } | { kind: 'unsure'; rank: string };

/**
 * What the router makes of a clue. `route`: taken without asking; `ask`: the officer chooses,
 * `ranking` giving the menu order (most likely first). `category` is the best category of the
 * most likely route, `categories` the best one within each route (for when the officer picks).
 * `reasons` are the words that decided it; `by` says whether the duty-offence rule or the
 * learnt model did.
 */
export interface RoutingResult {
  kind: 'route' | 'ask';
  route: ClueRoute;
  category: string;
  categories: Record<ClueRoute, string>;
  ranking: Array<{ route: ClueRoute; probability: number }>;
  reasons: string[];
  by: 'rule' | 'model';
  level: SubjectLevel;
}

export type ClueRouter = (text: string) => RoutingResult;

function dutyOffenceFinder(rules: RoutingRules) {
  const phrases = Object.entries(rules.dutyOffences).flatMap(([category, list]) => list.map((phrase) => ({ category, phrase: normalizeForMatching(phrase) })));
  return (text: string) => phrases.filter((p) => text.includes(p.phrase));
}

const escapeRegExp = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/**
 * Finds the officials' titles of a list in normalized text. A title ending in 长 is not read
 * in 长期, 长久 or 长远 (县农业农村局长期不管 names no 局长).
 */
function titlePattern(titles: readonly string[]): RegExp {
  const sorted = titles.map(normalizeForMatching).sort((a, b) => b.length - a.length);
  return new RegExp(sorted.map((t) => `${escapeRegExp(t)}${t.endsWith('长') ? '(?![期久远])' : ''}`).join('|'), 'gu');
}

/** Every title replaced by as many ǂ (a letter no report uses): the model reads "an official" whatever the post. */
function markTitles(titles: RegExp) {
  return (normalized: string) => normalized.replace(titles, (title) => 'ǂ'.repeat(title.length));
}

function subjectLevelOf(rules: RoutingRules) {
  const ranks = titlePattern(rules.higherLevel.ranks);
  const officials = titlePattern(rules.officialTitles);
  const ignored = rules.higherLevel.ignore.map(normalizeForMatching).sort((a, b) => b.length - a.length);
  /** dutyOffence: the clue is about a duty offence, i.e. about what a person did. */
  return (text: string, dutyOffence: boolean): SubjectLevel => {
    // Masking with a character that no title contains keeps e.g. 县长热线 and 超市长期 from naming anyone.
    const visible = ignored.reduce((acc, word) => acc.split(word).join('\u0000'), text);
    const rank = visible.match(ranks)?.[0];
    if (!rank) return { kind: 'county' };
    // An official of the county named beside the rank may be the one the clue is about.
    const countyOfficial = visible.replace(ranks, '\u0000').search(officials) >= 0;
    return dutyOffence && !countyOfficial ? { kind: 'higher', rank } : { kind: 'unsure', rank };
  };
}

/**
 * Builds the router from the rules and the examples it learns from (the whole corpus in
 * service; a training split in the evaluation and the tests). Ask and higher examples do
 * not train it.
 */
export function createClueRouter(rules: RoutingRules, examples: readonly CorpusExample[]): ClueRouter {
  const training = examples.filter((e): e is CorpusExample & { label: ClueRoute } => (CLUE_ROUTES as readonly string[]).includes(e.label));
  const asOfficial = markTitles(titlePattern([...rules.officialTitles, ...rules.higherLevel.ranks]));
  const routeModel = trainTextClassifier(
    training.map((e) => ({ text: e.text, label: e.label })),
    CLUE_ROUTES,
    asOfficial,
  );
  const categoryModels = Object.fromEntries(
    CLUE_ROUTES.map((route) => [
      route,
      trainTextClassifier(
        training.filter((e) => e.label === route).map((e) => ({ text: e.text, label: e.category })),
        rules.routes[route].categories,
        asOfficial,
      ),
    ]),
  ) as Record<ClueRoute, TextClassifier<string>>;
  const dutyOffences = dutyOffenceFinder(rules);
  const officials = titlePattern(rules.officialTitles);
  const namesOfficial = (text: string) => text.search(officials) >= 0;
  const subjectLevel = subjectLevelOf(rules);

  return (rawText) => {
    const text = normalizeForMatching(rawText);
    const categories = Object.fromEntries(CLUE_ROUTES.map((route) => [route, categoryModels[route].predict(text)[0]!.label])) as Record<ClueRoute, string>;
    const ranking = routeModel.predict(text).map(({ label, probability }) => ({ route: label, probability }));
    const offences = dutyOffences(text);
    if (offences.length) {
      const jwFirst = [...ranking.filter((r) => r.route === 'jw'), ...ranking.filter((r) => r.route !== 'jw')];
      return {
        kind: 'route',
        route: 'jw',
        category: offences[0]!.category,
        categories: { ...categories, jw: offences[0]!.category },
        ranking: jwFirst,
        reasons: [...new Set(offences.map((o) => o.phrase))],
        by: 'rule',
        level: subjectLevel(text, true),
      };
    }
    const [first, second] = ranking as [(typeof ranking)[0], (typeof ranking)[0]];
    const jw = ranking.find((r) => r.route === 'jw')!.probability;
    // A clue naming an official may be about that official's own conduct (jw's): it leaves for jcy or sfj only when the officer says so.
    const confident = first.probability >= rules.confidence && (first.route === 'jw' || (jw < rules.jwDoubt && !namesOfficial(text)));
    return {
      kind: confident ? 'route' : 'ask',
      route: first.route,
      category: categories[first.route],
      categories,
      ranking,
      reasons: routeModel.evidence(text, first.route, second.route),
      by: 'model',
      level: subjectLevel(text, first.route === 'jw' && confident),
    };
  };
}

/** The lines the bot shows when it asks the officer to choose: one per route, in the order given. */
export function routeChoices(rules: RoutingRules, order: readonly ClueRoute[]): Array<{ route: ClueRoute; label: string; explain: string }> {
  return order.map((route) => ({ route, label: rules.routes[route].label, explain: rules.routes[route].explain }));
}
