import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRoutingConfig, parseCorpus } from '../../../../src/config/routing';
import { createClueRouter, normalizeForMatching, routeChoices } from '../../../../src/domain/clues/routing';
import { crossValidate, outcomeOf, tally } from '../../../../src/domain/clues/routing-evaluation';

const config = loadRoutingConfig('config');

describe('clue routing on held-out clues', () => {
  // 5-fold cross-validation: every clue is judged by a router trained on the other four fifths, never on it.
  const figures = crossValidate(config, config.examples, 5);

  it('routes at least 90 % of the clear clues right without asking, and asks about at most 10 %', () => {
    expect(figures.clear).toBeGreaterThanOrEqual(240);
    expect(figures.routedRight / figures.clear).toBeGreaterThanOrEqual(0.9);
    expect(figures.asked / figures.clear).toBeLessThanOrEqual(0.1);
  });

  it('never sends a jw clue to another agency without asking', () => {
    expect(figures.jwRoutedOutside).toBe(0);
  });

  it('never stores a clue about an official managed above the county without asking', () => {
    expect(figures.higherLevel.total).toBeGreaterThan(0);
    expect(figures.higherLevel.refused + figures.higherLevel.askedOfficer).toBe(figures.higherLevel.total);
  });
});

describe('clue routing of clue texts written apart from the corpus, in other wordings', () => {
  const route = createClueRouter(config, config.examples);
  const heldOut = parseCorpus('routing-held-out.tsv', readFileSync('tests/fixtures/routing-held-out.tsv', 'utf8'), config);
  const figures = tally(
    heldOut.map((example) => {
      const result = route(example.text);
      return { example, outcome: outcomeOf(result), category: result.category };
    }),
  );

  it('meets the targets on them too', () => {
    const corpusTexts = new Set(config.examples.map((e) => normalizeForMatching(e.text)));
    expect(heldOut.filter((e) => corpusTexts.has(normalizeForMatching(e.text)))).toEqual([]);
    expect(figures.routedRight / figures.clear).toBeGreaterThanOrEqual(0.9);
    expect(figures.asked / figures.clear).toBeLessThanOrEqual(0.1);
    expect(figures.jwRoutedOutside).toBe(0);
  });
});

describe('clue routing of clues written for the issue, outside the corpus', () => {
  const route = createClueRouter(config, config.examples);
  const corpusTexts = new Set(config.examples.map((e) => normalizeForMatching(e.text)));
  const CLEAR: Array<[text: string, route: string]> = [
    ['县行政审批局窗口工作人员在办理许可时多次收受申请人现金，少则几百多则上千。', 'jw'],
    ['县农业农村局执法大队的执勤车辆经常被队长开回老家，加油费都在单位报销。', 'jw'],
    ['县市场监管所两名干部逢年过节收受辖区商户的购物卡和烟酒，日常检查走过场。', 'jw'],
    ['某印染厂在厂区围墙外埋设暗管，把生产废水直接排进河里，县生态环境分局接到举报后至今未立案查处。', 'jcy'],
    ['县人民医院把医疗废物混在生活垃圾里一起拉走，县卫健委一直没有查处。', 'jcy'],
    ['几家民营医院虚构住院病历骗取医保基金，县医保局发现后未追回。', 'jcy'],
    ['省委第三巡视组反馈指出，县林业局对辖区内非法占用林地建设厂房的问题长期不予查处。', 'jcy'],
    ['县里按照市政府要求开展渣土车整治，但县城管局对渣土车沿街抛撒、夜间乱倒建筑垃圾的问题一直没有查处。', 'jcy'],
  ];

  it.each(CLEAR)('routes %s to %s without asking, as a county matter', (text, expected) => {
    expect(corpusTexts.has(normalizeForMatching(text))).toBe(false);
    expect(route(text)).toMatchObject({ kind: 'route', route: expected, level: { kind: 'county' } });
  });

  it('sends a duty offence to jw by the rule even when the text also tells of a public-interest harm', () => {
    const result = route('县建设局某科长收受红包，对违法排污企业不作为。');
    expect(result).toMatchObject({ kind: 'route', route: 'jw', category: '贪污贿赂', by: 'rule' });
    expect(result.reasons).toContain('收受');
    expect(result.ranking[0]!.route).toBe('jw');
  });

  it('treats full-width text and spaces like half-width text', () => {
    expect(route('县 建设局 副局长 收受 贿赂')).toMatchObject({ kind: 'route', route: 'jw' });
    expect(route('ＫＴＶ接纳未成年人饮酒，执法部门不查处。').route).toBe(route('KTV接纳未成年人饮酒，执法部门不查处。').route);
  });

  it('asks about a text that says nothing, the most likely agencies first', () => {
    const result = route('有群众反映情况，请处理。');
    expect(result.kind).toBe('ask');
    const probabilities = result.ranking.map((r) => r.probability);
    expect(probabilities).toEqual([...probabilities].sort((a, b) => b - a));
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    expect(new Set(result.ranking.map((r) => r.route))).toEqual(new Set(['jw', 'jcy', 'sfj']));
  });

  it('asks rather than sending a clue that names an official to jcy or sfj', () => {
    const result = route('县环保局执法人员对企业超标排放只是口头提醒，企业负责人是执法人员的同学。');
    expect(result.kind === 'ask' || result.route === 'jw').toBe(true);
  });

  it('names the words that decided it, taken from the text, and a category of the route', () => {
    const text = '某印染厂在厂区围墙外埋设暗管，把生产废水直接排进河里，县生态环境分局接到举报后至今未立案查处。';
    const result = route(text);
    expect(result.reasons.length).toBeGreaterThan(0);
    for (const words of result.reasons) expect(normalizeForMatching(text)).toContain(words);
    expect(config.routes.jcy.categories).toContain(result.category);
    for (const r of ['jw', 'jcy', 'sfj'] as const) expect(config.routes[r].categories).toContain(result.categories[r]);
  });
});

describe('higher-level detection by rank', () => {
  const route = createClueRouter(config, config.examples);

  it('refuses a duty offence of an official managed above the county', () => {
    expect(route('副县长王某收受开发商贿赂三百万元。').level).toEqual({ kind: 'higher', rank: '副县长' });
    expect(route('市政府某副市长收受开发商贿赂。').level).toMatchObject({ kind: 'higher' });
  });

  it('sees no reason in a higher organ, an inspection team or a request from above', () => {
    for (const text of [
      '省委巡视组指出县水利局对河道采砂监管不力。',
      '按照市政府部署，县市场监管局开展了整治，但对过期食品一直未查处。',
      '省纪委通报后，县里的问题仍未整改。',
    ]) {
      expect(route(text).level).toEqual({ kind: 'county' });
    }
  });

  it('does not read a hotline, 超市长期 or 县长期 as a rank', () => {
    expect(route('通过县长热线反映，县城管局对夜市占道一直不管。').level).toEqual({ kind: 'county' });
    expect(route('某超市长期销售过期食品，监管部门不作为。').level).toEqual({ kind: 'county' });
    expect(route('本县长期存在非法采砂问题，县水利局一直不管。').level).toEqual({ kind: 'county' });
  });

  it('asks the officer when the rank may not be the subject', () => {
    // Not a duty offence: the 副县长 led the inspection.
    expect(route('副县长带队检查时发现某企业偷排废水，县环保局至今未查处。').level).toEqual({ kind: 'unsure', rank: '副县长' });
    // A county official is named beside the rank.
    expect(route('县长批示要求查处，但县林业局局长收受盗伐者的贿赂，一直压着不办。').level).toEqual({ kind: 'unsure', rank: '县长' });
  });
});

describe('route choices', () => {
  it('offers all three routes with one line each, in the order asked', () => {
    expect(routeChoices(config, ['sfj', 'jw', 'jcy']).map((c) => c.route)).toEqual(['sfj', 'jw', 'jcy']);
    for (const choice of routeChoices(config, ['jw', 'jcy', 'sfj'])) expect(choice.explain).not.toMatch(/\n/);
  });
});
