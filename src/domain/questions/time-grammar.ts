import { addMonths, daysInMonth, parseLocalDate, type LocalDate } from '../../kernel/time/local-date';
import { monthPeriod, quarterPeriod, spanPeriod, yearPeriod, type ReportPeriod, type TimeReading } from '../reports/period';
import { recognizeTime } from './recognized-time';

/**
 * The government periods leaders say, read by rules first (@microsoft/recognizers-text-date-time misreads
 * or misses 一季度, 上季度, 上半年, 近半年, 上上个月, 至今), then by that recognizer (recognized-time.ts):
 * 本月/上月/上上个月, 本季度/上季度/今年一季度/第二季度/去年四季度, 今年上半年/下半年,
 * 近三个月/近半年/近一年 (the last N months, this one included, up to today), 今年/去年/前年/2026年,
 * 3月份/2026年3月/2026-03, 1月到6月/1-6月, 至今/年初以来/今年以来/3月以来/今年截至目前 (the rules).
 * A period that has not begun is read, not refused: the caller decides.
 */
const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const NUMBER = '[0-9一二两三四五六七八九十]{1,3}';

/** 3, 十, 十二, 二十四 → a number; NaN when it is not one. */
export function chineseNumber(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  const match = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!match || text === '') return Number.NaN;
  const [, tens, ten, ones] = match;
  if (!ten) return tens && !ones ? DIGITS[tens]! : Number.NaN;
  return (tens ? DIGITS[tens]! : 1) * 10 + (ones ? DIGITS[ones]! : 0);
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const yearOfDate = (d: LocalDate) => Number(d.slice(0, 4));
const monthOfDate = (d: LocalDate) => Number(d.slice(5, 7));
const lastDay = (year: number, month: number) => parseLocalDate(`${year}-${pad2(month)}-${pad2(daysInMonth(year, month))}`);
const firstDay = (year: number, month: number) => parseLocalDate(`${year}-${pad2(month)}-01`);

/** 今年/本年 → 0, 去年/上年 → -1, 前年 → -2, 2025年 → that year; absent → this year. */
function yearOf(word: string | undefined, today: LocalDate): number {
  const current = yearOfDate(today);
  if (!word) return current;
  if (/^\d{4}/.test(word)) return Number(word.slice(0, 4));
  return current + ({ 今年: 0, 本年: 0, 去年: -1, 上年: -1, 前年: -2 } as Record<string, number>)[word.replace(/度$/, '')]!;
}

const YEAR = String.raw`(今年|本年|去年|上年|前年|\d{4}\s*年?)?\s*度?`;

function monthsBack(today: LocalDate, count: number, label: string): ReportPeriod {
  const from = addMonths(firstDay(yearOfDate(today), monthOfDate(today)), 1 - count);
  return spanPeriod(`last-${count}m:${today}`, label, from, today);
}

type Rule = [RegExp, (m: RegExpExecArray, today: LocalDate) => ReportPeriod | null];

const RULES: Rule[] = [
  // 1月到6月, 1-6月, 一月至六月, 2026年1月到6月
  [
    new RegExp(String.raw`${YEAR}(${NUMBER})\s*月?份?\s*(?:到|至|-|—|~|～)\s*(${NUMBER})\s*月份?`),
    (m, today) => {
      const year = yearOf(m[1]?.trim(), today);
      const [a, b] = [chineseNumber(m[2]!), chineseNumber(m[3]!)];
      if (!(a >= 1 && b <= 12 && a <= b)) return null;
      return spanPeriod(`${year}-${pad2(a)}~${pad2(b)}`, `${year}年${a}月至${b}月`, firstDay(year, a), lastDay(year, b));
    },
  ],
  // 年初以来, 今年以来, 年初至今, 3月以来, 3月份至今, 至今 (from the year's start)
  [
    /(?:(今年|本年)?年初|今年|本年|(\d{1,2}|[一二三四五六七八九十]{1,2})\s*月份?)?\s*(?:以来|至今|到现在|到目前|截[至止]目前|截[至止]今天|截[至止]现在)/,
    (m, today) => {
      const year = yearOfDate(today);
      const month = m[2] ? chineseNumber(m[2]) : 1;
      if (!(month >= 1 && month <= 12)) return null;
      const from = firstDay(year, month);
      return from > today ? null : spanPeriod(`${from}~${today}`, `${year}年${month}月1日至今`, from, today);
    },
  ],
  // 近三个月, 最近3个月, 过去半年, 近一年, 近12个月
  [
    new RegExp(String.raw`(?:近|最近|过去|前)\s*(${NUMBER}|半)\s*(个月|月|年)`),
    (m, today) => {
      const n = m[1] === '半' ? 0.5 : chineseNumber(m[1]!);
      const months = m[2] === '年' ? n * 12 : n;
      if (!Number.isInteger(months) || months < 1 || months > 36) return null;
      const label = m[2] === '年' ? (m[1] === '半' ? '近半年' : `近${n}年`) : `近${months}个月`;
      return monthsBack(today, months, label);
    },
  ],
  // 上上个月, 上个月, 上月, 本月, 这个月, 当月
  [
    /(上上个?月|上个?月|本月|这个?月|当月)/,
    (m, today) => {
      const back = m[1]!.startsWith('上上') ? 2 : m[1]!.startsWith('上') ? 1 : 0;
      const at = addMonths(firstDay(yearOfDate(today), monthOfDate(today)), -back);
      return monthPeriod(yearOfDate(at), monthOfDate(at));
    },
  ],
  // 上季度, 上个季度, 上一季度, 本季度, 这个季度
  [
    /(上一?个?季度?|本季度?|这一?个?季度|当季)/,
    (m, today) => {
      const quarter = Math.ceil(monthOfDate(today) / 3) + (m[1]!.startsWith('上') ? -1 : 0);
      return quarter === 0 ? quarterPeriod(yearOfDate(today) - 1, 4) : quarterPeriod(yearOfDate(today), quarter);
    },
  ],
  // 今年一季度, 第二季度, 2026年第3季度, 去年四季度, Q1
  [
    new RegExp(String.raw`${YEAR}(?:第\s*)?([一二三四1-4])\s*季度?|${YEAR}[Qq]([1-4])`),
    (m, today) => quarterPeriod(yearOf((m[1] ?? m[3])?.trim(), today), chineseNumber(m[2] ?? m[4]!)),
  ],
  // 今年上半年, 下半年, 去年上半年
  [
    new RegExp(`${YEAR}([上下])半年`),
    (m, today) => {
      const year = yearOf(m[1]?.trim(), today);
      const first = m[2] === '上' ? 1 : 7;
      return spanPeriod(`${year}-H${m[2] === '上' ? 1 : 2}`, `${year}年${m[2]}半年`, firstDay(year, first), lastDay(year, first + 5));
    },
  ],
  // 2026年3月, 2026-03, 3月份, 三月
  [
    new RegExp(String.raw`(?:(今年|去年|上年|前年|\d{4}\s*(?:年|-|/|\.))\s*)?(${NUMBER})\s*月份?|(\d{4})-(\d{1,2})(?!\d)`),
    (m, today) => {
      const month = chineseNumber(m[2] ?? m[4]!);
      if (!(month >= 1 && month <= 12)) return null;
      const named = m[1] ?? m[3];
      // A month named without a year is the latest one that has begun.
      const year = named ? yearOf(/^\d{4}/.test(named) ? `${named.slice(0, 4)}年` : named, today) : yearOfDate(today) - (month > monthOfDate(today) ? 1 : 0);
      return monthPeriod(year, month);
    },
  ],
  // 今年, 本年, 去年, 前年, 2026年, 全年
  [
    /(今年|本年|全年|去年|上年|前年|(?:20|21)\d{2}\s*年?)/,
    (m, today) => {
      const year = m[1] === '全年' ? yearOfDate(today) : yearOf(m[1]!.replace(/\s/g, ''), today);
      return year >= 2000 && year <= 2199 ? yearPeriod(year) : null;
    },
  ],
];

/** The period named in `text` (already normalised: NFKC, no spaces needed), or null. */
export function readTime(text: string, today: LocalDate): TimeReading | null {
  const byRules = readByRules(text, today);
  const recognized = recognizeTime(text, today);
  // The recognizer's reading wins only where it reads more around the rules' words: 8月1日以来, 7月20日.
  if (recognized && (!byRules || (recognized.words.length > byRules.words.length && recognized.words.includes(byRules.words)))) return recognized;
  return byRules;
}

function readByRules(text: string, today: LocalDate): TimeReading | null {
  for (const [pattern, build] of RULES) {
    const match = pattern.exec(text);
    if (!match) continue;
    const period = build(match, today);
    if (period) return { period, words: match[0] };
  }
  return null;
}
