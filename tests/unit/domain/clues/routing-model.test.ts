import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeForMatching, trainTextClassifier } from '../../../../src/domain/clues/routing-model';

const EXAMPLES = [
  { text: '局长收受红包五千元', label: 'bribe' },
  { text: '股长收受现金三万元', label: 'bribe' },
  { text: '科长收受购物卡', label: 'bribe' },
  { text: '工厂向河道偷排废水', label: 'pollution' },
  { text: '养殖场废水直排河道', label: 'pollution' },
  { text: '化工厂废气超标排放', label: 'pollution' },
] as const;
const LABELS = ['bribe', 'pollution'] as const;

describe('trainTextClassifier', () => {
  const model = trainTextClassifier(EXAMPLES, LABELS);

  it('ranks the labels by probability, the probabilities summing to 1', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const ranking = model.predict(text);
        expect(ranking.map((r) => r.label).sort()).toEqual([...LABELS].sort());
        expect(ranking.reduce((sum, r) => sum + r.probability, 0)).toBeCloseTo(1);
        for (let i = 1; i < ranking.length; i += 1) expect(ranking[i - 1]!.probability).toBeGreaterThanOrEqual(ranking[i]!.probability);
      }),
    );
  });

  it('learns from the examples: same examples, same model', () => {
    expect(model.predict('所长收受红包')[0]!.label).toBe('bribe');
    expect(model.predict('企业往河道排放废水')[0]!.label).toBe('pollution');
    expect(trainTextClassifier(EXAMPLES, LABELS).predict('所长收受红包')).toEqual(model.predict('所长收受红包'));
  });

  it('reads amounts alike whatever the digits, and full-width like half-width', () => {
    expect(model.predict('收受现金9万元')).toEqual(model.predict('收受现金1万元'));
    expect(model.predict('ＡＢＣ收受')).toEqual(model.predict('abc收受'));
  });

  it('names stretches of the normalized text as evidence, only for the label they favour', () => {
    const text = '某 所长 收受 红包，废水';
    const evidence = model.evidence(text, 'bribe', 'pollution');
    expect(evidence.length).toBeGreaterThan(0);
    for (const words of evidence) expect(normalizeForMatching(text)).toContain(words);
    expect(evidence.join()).not.toContain('废水');
  });

  it('reads the text through prepare, keeping the evidence in the words written', () => {
    const asOfficial = (t: string) => t.replace(/局长|股长|科长|所长/gu, 'ǂǂ');
    const marked = trainTextClassifier(EXAMPLES, LABELS, asOfficial);
    expect(marked.predict('处长收受')[0]!.label).toBe('bribe');
    expect(marked.evidence('所长收受红包', 'bribe', 'pollution').join()).not.toContain('ǂ');
  });

  it('refuses an example labelled outside the labels', () => {
    expect(() => trainTextClassifier([{ text: '某事', label: 'other' as 'bribe' }], LABELS)).toThrow(/not one of bribe, pollution/);
  });
});
