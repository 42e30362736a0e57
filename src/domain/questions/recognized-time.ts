import { createRequire } from 'node:module';
import { addDays, parseLocalDate, type LocalDate } from '../../kernel/time/local-date';
import { spanPeriod, type TimeReading } from '../reports/period';

/** The part of @microsoft/recognizers-text-date-time's answer read here. */
interface Resolution {
  timex?: string;
  type?: string;
  value?: string;
  start?: string;
  end?: string;
}
interface Recognized {
  text: string;
  typeName: string;
  resolution?: { values?: Resolution[] };
}
interface DateTimeModel {
  parse(query: string, reference: Date): Recognized[];
}

let model: DateTimeModel | undefined;
/** Loaded on the first question that needs it: the package takes about 0.3 s to load and build. */
function dateTimeModel(): DateTimeModel {
  if (!model) {
    const recognizers = createRequire(import.meta.url)('@microsoft/recognizers-text-date-time');
    model = new recognizers.DateTimeRecognizer(recognizers.Culture.Chinese).getDateTimeModel() as DateTimeModel;
  }
  return model;
}

const NUMERAL = /[0-9零〇一二两三四五六七八九十百]/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = (text: string | undefined) => (text && ISO_DAY.test(text) ? parseLocalDate(text) : null);
/** Words after a single day that make it the start of a span up to today. */
const UNTIL_NOW = /^\s*(?:至今|以来|到现在|到目前|截[至止]目前)/;

/** A candidate read as from, to (both included) and the words after the match it took; null when not days. */
interface Span {
  from: LocalDate;
  to: LocalDate;
  suffix: string;
}

function span(value: Resolution, today: LocalDate, after: string): Span | null {
  if (value.type === 'date') {
    const on = day(value.value);
    const untilNow = UNTIL_NOW.exec(after)?.[0];
    return on && (untilNow ? { from: on, to: today, suffix: untilNow } : { from: on, to: on, suffix: '' });
  }
  if (value.type !== 'daterange') return null;
  const from = day(value.start);
  if (!from) return null;
  const end = day(value.end);
  // 以来 (no end): up to today. "(A,B,PnD)" is a span as said (A到B, 近30天): B included, as people mean it.
  // A named week or month (2026-W48, XXXX-11) ends the day before its end.
  if (!end) return { from, to: today, suffix: '' };
  return { from, to: value.timex?.startsWith('(') ? end : addDays(end, -1), suffix: '' };
}

/**
 * What the rules of time-grammar.ts do not know — days, weeks, date spans, 近N天, holidays (上周, 昨天,
 * 11月15日以来, 2026年11月1日到11月20日, 国庆节以来) — read by the maintained recognizer. It comes second:
 * it misreads several government periods (今年上半年 as last year, 近半年 as an empty span, and misses
 * 上季度 and 至今), which the rules read first. Of a name without a year (11月15日) the latest that has begun.
 */
export function recognizeTime(text: string, today: LocalDate): TimeReading | null {
  const reference = new Date(`${today}T12:00:00`);
  for (const found of dateTimeModel().parse(text, reference)) {
    const at = text.indexOf(found.text);
    // 十三月 is no month: the recognizer would read its 三月.
    if (NUMERAL.test(text.charAt(at - 1))) continue;
    const after = text.slice(at + found.text.length);
    const spans = (found.resolution?.values ?? []).flatMap((value) => span(value, today, after) ?? []);
    const chosen = spans.filter((s) => s.from <= today).sort((a, b) => (a.from < b.from ? 1 : -1))[0] ?? spans[0];
    if (!chosen) continue;
    const { from, to, suffix } = chosen;
    const label = from === to ? from : `${from}至${to}`;
    return { period: spanPeriod(`${from}~${to}`, label, from, to), words: found.text + suffix };
  }
  return null;
}
