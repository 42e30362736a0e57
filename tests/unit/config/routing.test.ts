import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigError } from '../../../src/config/load';
import { CLUE_ROUTES, loadRoutingConfig, parseCorpus, routingConfigSchema } from '../../../src/config/routing';

const rules = routingConfigSchema.parse(parse(readFileSync('config/routing.yaml', 'utf8')));

describe('routing config schema', () => {
  it('rejects a route without categories, an unknown route and a duty offence outside jw', () => {
    const broken = structuredClone(parse(readFileSync('config/routing.yaml', 'utf8')));
    broken.routes.jw.categories = [];
    broken.routes.gaj = broken.routes.jcy;
    broken.dutyOffences.食品药品安全 = ['假药'];
    const result = routingConfigSchema.safeParse(broken);
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toContain('routes.jw.categories');
    expect(paths).toContain('routes');
  });

  it('rejects a confidence outside (0, 1)', () => {
    const broken = structuredClone(parse(readFileSync('config/routing.yaml', 'utf8')));
    broken.confidence = 1.2;
    expect(routingConfigSchema.safeParse(broken).success).toBe(false);
  });

  it('loads the shipped corpus: at least 300 clues, 80 per route, ambiguous and higher-level ones', () => {
    const { examples } = loadRoutingConfig('config');
    expect(examples.length).toBeGreaterThanOrEqual(300);
    for (const route of CLUE_ROUTES) expect(examples.filter((e) => e.label === route).length).toBeGreaterThanOrEqual(80);
    expect(examples.some((e) => e.label === 'ask')).toBe(true);
    expect(examples.some((e) => e.label === 'higher')).toBe(true);
  });
});

describe('parseCorpus', () => {
  const HEADER = 'route\tcategory\ttext';
  const label = fc.constantFrom(...CLUE_ROUTES);
  const text = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !/[\t\r\n]/u.test(s) && s.trim() === s && s.length > 0 && !s.startsWith('#'));

  it('reads back every line written as route, category and text', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(label, fc.nat(), text), { minLength: 1, maxLength: 20 }), (rows) => {
        const lines = rows.map(([route, n, t]) => {
          const categories = rules.routes[route].categories;
          return { route, category: categories[n % categories.length]!, text: t };
        });
        const all = [...lines, ...CLUE_ROUTES.map((route) => ({ route, category: rules.routes[route].categories[0]!, text: '占位' }))];
        const content = ['# a comment', HEADER, ...all.map((l) => `${l.route}\t${l.category}\t${l.text}`)].join('\n');
        const parsed = parseCorpus('corpus.tsv', content, rules);
        expect(parsed.map((e) => [e.label, e.category, e.text])).toEqual(all.map((l) => [l.route, l.category, l.text]));
        expect(parsed[0]!.line).toBe(3);
      }),
    );
  });

  it('names the first bad line: a wrong header, an unknown route, a category of another route, a missing text', () => {
    const good = CLUE_ROUTES.map((route) => `${route}\t${rules.routes[route].categories[0]}\t某事`).join('\n');
    expect(() => parseCorpus('c.tsv', `text\tlabel\n${good}`, rules)).toThrow(/c\.tsv: line 1: expected the header/);
    expect(() => parseCorpus('c.tsv', `${HEADER}\n${good}\ngaj\t其他\t某事`, rules)).toThrow(/line 5: route must be one of/);
    expect(() => parseCorpus('c.tsv', `${HEADER}\njw\t食品药品安全\t某事`, rules)).toThrow(/line 2: "食品药品安全" is not a category of jw/);
    expect(() => parseCorpus('c.tsv', `${HEADER}\njw\t贪污贿赂`, rules)).toThrow(ConfigError);
    expect(() => parseCorpus('c.tsv', HEADER, rules)).toThrow(/no example for jw/);
  });
});
