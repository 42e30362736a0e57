import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chineseNumber, readTime } from '../../../../src/domain/questions/time-grammar';
import { parseLocalDate } from '../../../../src/kernel/time/local-date';

const TODAY = parseLocalDate('2026-08-15');

/** Every time form of the grammar, read on 2026-08-15: words → from, to. */
const GOLDEN: [string, string, string][] = [
  ['本月', '2026-08-01', '2026-08-31'],
  ['这个月', '2026-08-01', '2026-08-31'],
  ['上月', '2026-07-01', '2026-07-31'],
  ['上个月', '2026-07-01', '2026-07-31'],
  ['上上个月', '2026-06-01', '2026-06-30'],
  ['本季度', '2026-07-01', '2026-09-30'],
  ['上季度', '2026-04-01', '2026-06-30'],
  ['上一季度', '2026-04-01', '2026-06-30'],
  ['今年一季度', '2026-01-01', '2026-03-31'],
  ['第二季度', '2026-04-01', '2026-06-30'],
  ['2025年第4季度', '2025-10-01', '2025-12-31'],
  ['去年四季度', '2025-10-01', '2025-12-31'],
  ['Q1', '2026-01-01', '2026-03-31'],
  ['今年上半年', '2026-01-01', '2026-06-30'],
  ['下半年', '2026-07-01', '2026-12-31'],
  ['去年上半年', '2025-01-01', '2025-06-30'],
  ['近三个月', '2026-06-01', '2026-08-15'],
  ['最近3个月', '2026-06-01', '2026-08-15'],
  ['近半年', '2026-03-01', '2026-08-15'],
  ['近一年', '2025-09-01', '2026-08-15'],
  ['过去12个月', '2025-09-01', '2026-08-15'],
  ['今年', '2026-01-01', '2026-12-31'],
  ['去年', '2025-01-01', '2025-12-31'],
  ['前年', '2024-01-01', '2024-12-31'],
  ['2026年', '2026-01-01', '2026-12-31'],
  ['3月份', '2026-03-01', '2026-03-31'],
  ['十月', '2025-10-01', '2025-10-31'],
  ['2026年3月', '2026-03-01', '2026-03-31'],
  ['2026-03', '2026-03-01', '2026-03-31'],
  ['1月到6月', '2026-01-01', '2026-06-30'],
  ['1-6月', '2026-01-01', '2026-06-30'],
  ['一月至六月', '2026-01-01', '2026-06-30'],
  ['至今', '2026-01-01', '2026-08-15'],
  ['年初以来', '2026-01-01', '2026-08-15'],
  ['今年以来', '2026-01-01', '2026-08-15'],
  ['3月以来', '2026-03-01', '2026-08-15'],
  ['年初到现在', '2026-01-01', '2026-08-15'],
  ['今年截至目前', '2026-01-01', '2026-08-15'],
  ['截止目前', '2026-01-01', '2026-08-15'],
  ['近两个月', '2026-07-01', '2026-08-15'],
  ['去年下半年', '2025-07-01', '2025-12-31'],
  ['第三季度', '2026-07-01', '2026-09-30'],
  ['这个季度', '2026-07-01', '2026-09-30'],
  ['12月份', '2025-12-01', '2025-12-31'],
  ['去年12月', '2025-12-01', '2025-12-31'],
  ['去年3月', '2025-03-01', '2025-03-31'],
  ['1-6月份', '2026-01-01', '2026-06-30'],
];

/** Forms the rules leave to the recognizer (2026-08-15 is a Saturday; weeks start on Monday). */
const RECOGNIZED: [string, string, string][] = [
  ['上周', '2026-08-03', '2026-08-09'],
  ['本周', '2026-08-10', '2026-08-16'],
  ['昨天', '2026-08-14', '2026-08-14'],
  ['7月20日', '2026-07-20', '2026-07-20'],
  ['8月1日以来', '2026-08-01', '2026-08-15'],
  ['11月15日以来', '2025-11-15', '2026-08-15'],
  ['本周一至今', '2026-08-10', '2026-08-15'],
  ['上周五以来', '2026-08-07', '2026-08-15'],
  ['2026年7月1日到7月20日', '2026-07-01', '2026-07-20'],
  ['近30天', '2026-07-16', '2026-08-15'],
  ['过去7天', '2026-08-08', '2026-08-15'],
  ['国庆节以来', '2025-10-01', '2026-08-15'],
];

describe('the time grammar', () => {
  it.each(GOLDEN)('reads %s', (words, from, to) => {
    const reading = readTime(`${words}各单位检察建议回复率`, TODAY);
    expect(reading && [reading.period.from, reading.period.to]).toEqual([from, to]);
    expect(reading!.words.replace(/\s/g, '')).toBe(words);
  });

  it.each(RECOGNIZED)('reads %s through the recognizer', (words, from, to) => {
    const reading = readTime(`${words}各单位检察建议回复率`, TODAY);
    expect(reading && [reading.period.from, reading.period.to]).toEqual([from, to]);
    expect(reading!.words).toBe(words);
  });

  it('reads nothing where no period is named', () => {
    for (const text of ['各单位检察建议回复率', '市场监管局的通知书整改了几件', '十三月']) expect(readTime(text, TODAY), text).toBeNull();
  });

  it('turns Chinese numbers from 1 to 99 into numbers', () => {
    const names = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99 }), (n) => {
        const tens = Math.floor(n / 10);
        const text = `${tens > 1 ? names[tens] : ''}${tens ? '十' : ''}${names[n % 10]}`;
        expect(chineseNumber(text)).toBe(n);
        expect(chineseNumber(String(n))).toBe(n);
      }),
    );
  });

  it('gives a period with every month it touches, whatever the day', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }), (d) => {
        const today = parseLocalDate(d.toISOString().slice(0, 10));
        for (const words of ['近三个月', '上季度', '年初以来', '上上个月']) {
          const { period } = readTime(words, today)!;
          expect(period.from <= period.to).toBe(true);
          expect(period.months[0]).toBe(period.from.slice(0, 7));
          expect(period.months.at(-1)).toBe(period.to.slice(0, 7));
        }
      }),
    );
  });
});
