import { CLUE_ROUTES, type ClueRoute, type RoutingConfig } from '../../config/routing';

export type RouteScores = Record<ClueRoute, number>;

/** The category of a route that none of the clue's phrases point into. */
export const UNCATEGORIZED = '未分类';

/** categories: the best category within each route, for when the officer picks or changes the route. */
export type RoutingResult =
  | { kind: 'route'; route: ClueRoute; category: string; scores: RouteScores; categories: Record<ClueRoute, string> }
  | { kind: 'ask'; scores: RouteScores; categories: Record<ClueRoute, string> }
  | { kind: 'higher-level' };

/** Full-width to half-width, no whitespace, lower case: phrases and texts are compared in this form. */
export function normalizeForMatching(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}

interface CompiledCategory {
  name: string;
  phrases: Array<[phrase: string, weight: number]>;
}

function compileCategories(config: RoutingConfig, route: ClueRoute): CompiledCategory[] {
  return Object.entries(config.routes[route].categories).map(([name, { phrases }]) => ({
    name,
    phrases: Object.entries(phrases).map(([phrase, weight]) => [normalizeForMatching(phrase), weight]),
  }));
}

function scoreCategory(text: string, category: CompiledCategory): number {
  return category.phrases.reduce((sum, [phrase, weight]) => (text.includes(phrase) ? sum + weight : sum), 0);
}

/** Builds the routing function once per configuration (phrases are normalized up front). */
export function createClueRouter(config: RoutingConfig): (text: string) => RoutingResult {
  const categories = Object.fromEntries(CLUE_ROUTES.map((route) => [route, compileCategories(config, route)])) as Record<ClueRoute, CompiledCategory[]>;
  const higherLevelPhrases = config.higherLevel.phrases.map(normalizeForMatching);
  const maskedWords = config.higherLevel.ignore.map(normalizeForMatching);

  function isHigherLevel(text: string): boolean {
    // Masking with a character that no phrase contains keeps e.g. 超市长期 from reading as 市长.
    const masked = maskedWords.reduce((acc, word) => acc.split(word).join('\u0000'), text);
    return higherLevelPhrases.some((phrase) => masked.includes(phrase));
  }

  return (rawText) => {
    const text = normalizeForMatching(rawText);
    if (isHigherLevel(text)) return { kind: 'higher-level' };

    const perRoute = CLUE_ROUTES.map((route) => {
      const categoryScores = categories[route].map((category) => ({ name: category.name, score: scoreCategory(text, category) }));
      const best = categoryScores.reduce((a, b) => (b.score > a.score ? b : a));
      return { route, score: categoryScores.reduce((sum, c) => sum + c.score, 0), category: best.score > 0 ? best.name : UNCATEGORIZED };
    });
    const scores = Object.fromEntries(perRoute.map((r) => [r.route, r.score])) as RouteScores;
    const bestCategories = Object.fromEntries(perRoute.map((r) => [r.route, r.category])) as Record<ClueRoute, string>;
    const [first, second] = [...perRoute].sort((a, b) => b.score - a.score);
    if (first && second && first.score >= config.minScore && first.score - second.score >= config.margin) {
      return { kind: 'route', route: first.route, category: first.category, scores, categories: bestCategories };
    }
    return { kind: 'ask', scores, categories: bestCategories };
  };
}

/** The lines the bot shows when it asks the officer to choose: one per route. */
export function routeChoices(config: RoutingConfig): Array<{ route: ClueRoute; label: string; explain: string }> {
  return CLUE_ROUTES.map((route) => ({ route, label: config.routes[route].label, explain: config.routes[route].explain }));
}
