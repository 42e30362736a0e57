import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError, loadYamlFile } from './load';

export const CLUE_ROUTES = ['jw', 'jcy', 'sfj'] as const;
export type ClueRoute = (typeof CLUE_ROUTES)[number];

const phrases = z.array(z.string().trim().min(1)).min(1);

const routeRules = z.object({
  label: z.string().min(1),
  /** One line telling the officer what this route takes, shown when the bot asks. */
  explain: z.string().min(1),
  categories: z.array(z.string().trim().min(1)).min(1),
});

export const routingConfigSchema = z
  .object({
    /** The labelled examples the router learns from, a file of the config folder. */
    corpus: z.string().min(1),
    /** The least probability of the most likely route for the bot to route without asking. */
    confidence: z.number().gt(0).lt(1),
    /** A clue leaves for jcy or sfj only when jw's probability stays below this; otherwise the bot asks. */
    jwDoubt: z.number().gt(0).lt(1),
    routes: z.object({ jw: routeRules, jcy: routeRules, sfj: routeRules }).strict(),
    /** Titles of officials managed in the county (局长, 股长, 镇长…): the router reads them all as "an official". */
    officialTitles: phrases,
    /** Phrases naming a duty offence or discipline breach, per jw category: such a clue goes to jw. */
    dutyOffences: z.record(z.string().trim().min(1), phrases),
    higherLevel: z.object({
      ranks: phrases,
      ignore: z.array(z.string().trim().min(1)).default([]),
      advice: z.string().min(1),
    }),
  })
  .superRefine((config, ctx) => {
    for (const category of Object.keys(config.dutyOffences)) {
      if (!config.routes.jw.categories.includes(category))
        ctx.addIssue({ code: 'custom', path: ['dutyOffences', category], message: 'is not a category of routes.jw' });
    }
  });

export type RoutingRules = z.infer<typeof routingConfigSchema>;

/** The label of one corpus line: a clear route, a genuinely ambiguous clue, or one about a higher-level official. */
export type CorpusLabel = ClueRoute | 'ask' | 'higher';
const CORPUS_LABELS: readonly string[] = [...CLUE_ROUTES, 'ask', 'higher'];

export interface CorpusExample {
  label: CorpusLabel;
  /** A category of the route; for ask, the plausible routes (jw/jcy); for higher, the rank. */
  category: string;
  text: string;
  /** Its line in the file, for messages. */
  line: number;
}

const CORPUS_HEADER = 'route\tcategory\ttext';

/**
 * Reads the corpus: `route<TAB>category<TAB>text` per line after the header, `#` lines are
 * comments. A route's category must be one of that route's categories; the first bad line
 * is reported with its number.
 */
export function parseCorpus(source: string, content: string, rules: Pick<RoutingRules, 'routes'>): CorpusExample[] {
  const examples: CorpusExample[] = [];
  let headerSeen = false;
  for (const [index, raw] of content.split(/\r?\n/u).entries()) {
    const line = index + 1;
    if (raw.trim() === '' || raw.startsWith('#')) continue;
    if (!headerSeen) {
      if (raw.trim() !== CORPUS_HEADER) throw new ConfigError(`${source}: line ${line}: expected the header "${CORPUS_HEADER.replaceAll('\t', '<TAB>')}"`);
      headerSeen = true;
      continue;
    }
    const [label, category, text, ...extra] = raw.split('\t').map((cell) => cell.trim());
    if (!label || !CORPUS_LABELS.includes(label)) throw new ConfigError(`${source}: line ${line}: route must be one of ${CORPUS_LABELS.join(', ')}`);
    if (!category || !text || extra.length) throw new ConfigError(`${source}: line ${line}: expected route, category and text separated by tabs`);
    if (label in rules.routes && !rules.routes[label as ClueRoute].categories.includes(category))
      throw new ConfigError(`${source}: line ${line}: "${category}" is not a category of ${label}`);
    examples.push({ label: label as CorpusLabel, category, text, line });
  }
  for (const route of CLUE_ROUTES) {
    if (!examples.some((e) => e.label === route)) throw new ConfigError(`${source}: no example for ${route}`);
  }
  return examples;
}

export type RoutingConfig = RoutingRules & { examples: CorpusExample[] };

/** Loads config/routing.yaml and the corpus it names. */
export function loadRoutingConfig(dir: string): RoutingConfig {
  const rules = loadYamlFile(dir, 'routing.yaml', routingConfigSchema);
  const path = join(dir, rules.corpus);
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError(`${path}: file is missing or unreadable (named by routing.yaml corpus)`);
  }
  return { ...rules, examples: parseCorpus(path, content, rules) };
}
