import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Refusal } from '../../../../src/domain/errors';
import { readSearch, searchText } from '../../../../src/domain/search/query';
import { parseLocalDate } from '../../../../src/kernel/time/local-date';

const TODAY = parseLocalDate('2026-11-26');
const unit = (text: string) => {
  if (text.includes('农业')) return 'nyncj';
  throw new Refusal(`找不到单位「${text}」`);
};

describe('readSearch', () => {
  it('reads keywords and the 单位 / 状态 / 时间 filters, also written 单位:X, and bare status words and periods', () => {
    expect(readSearch('刘某某 单位 农业局 状态 在办 时间 上季度', TODAY, unit)).toMatchObject({
      keywords: ['刘某某'],
      unit: 'nyncj',
      status: 'open',
      period: { from: '2026-07-01', to: '2026-09-30' },
    });
    expect(readSearch('单位：农业农村局 逾期 近三个月', TODAY, unit)).toMatchObject({
      keywords: [],
      unit: 'nyncj',
      status: 'overdue',
      period: { from: '2026-09-01' },
    });
  });

  it('keeps numbers and 文号 as keywords, full-width made half-width', () => {
    expect(readSearch('２０２６ 嘉司监〔2026〕7号', TODAY, unit).keywords).toEqual(['2026', '嘉司监〔2026〕7号']);
  });

  it('refuses what it cannot read, and an empty search', () => {
    expect(() => readSearch('状态 很好', TODAY, unit)).toThrow('看不懂状态「很好」');
    expect(() => readSearch('时间 某天', TODAY, unit)).toThrow('看不懂时间「某天」');
    expect(() => readSearch('单位 财政局', TODAY, unit)).toThrow('找不到单位');
    expect(() => readSearch('  ', TODAY, unit)).toThrow('请说要查什么');
    expect(() => readSearch('时间 明年', TODAY, unit)).toThrow();
  });
});

describe('searchText', () => {
  it('ignores width, case, spaces and bracket kinds', () => {
    expect(searchText('嘉司监[2026]7号')).toBe(searchText('嘉司监〔２０２６〕7号'));
    expect(searchText('Xs-2026-0001')).toBe(searchText('XS-2026-0001'));
  });

  it('is idempotent and never grows the text', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const once = searchText(s);
        expect(searchText(once)).toBe(once);
        expect([...once].length).toBeLessThanOrEqual([...s.normalize('NFKC')].length);
      }),
    );
  });
});
