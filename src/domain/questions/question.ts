import type { LocalDate } from '../../kernel/time/local-date';
import { yearPeriod, type ReportPeriod } from '../reports/period';
import type { NameIndex } from '../names';
import { readTime } from './time-grammar';

/** What a leader's question counts: a register, or a document kind of config/deadlines.yaml. */
export const ITEMS = {
  clue: ['线索'],
  recommendation: ['检察建议'],
  notice: ['通知书', '监督通知'],
  decision: ['决定书', '监督决定'],
  transfer: ['移送公安', '行刑衔接', '涉嫌犯罪', '移送案件'],
  rectification: ['整改事项', '整改问题', '问题'],
  meeting: ['会议', '开会', '次会'],
  inspection: ['巡查'],
} as const;
export type Item = keyof typeof ITEMS;

export const STATUSES = {
  overdue: ['逾期', '超期', '过期'],
  unreplied: ['未回复', '没回复', '没有回复', '尚未回复'],
  replied: ['已回复', '回复了'],
  rectified: ['已整改', '整改了', '整改完成', '完成整改'],
  concluded: ['已办结', '办结了', '办完'],
  open: ['在办', '办理中', '未办结', '没办完'],
} as const;
export type Status = keyof typeof STATUSES;

export const MEASURES = {
  replyRate: ['回复率'],
  onTimeRate: ['按期率', '按时率', '及时率', '按期办结率'],
  rectifyRate: ['整改率'],
  avgDays: ['平均用时', '平均多少天', '平均天数', '平均办理'],
  count: ['几', '多少', '数量', '总数'],
} as const;
export type Measure = keyof typeof MEASURES;

export type Grouping = 'unit' | 'month';
const GROUPS: Record<Grouping, readonly string[]> = {
  unit: ['各单位', '哪些单位', '按单位', '分单位', '哪个单位', '各部门'],
  month: ['按月', '每月', '各月', '逐月', '每个月'],
};

/** Slips seen in leaders' wording, read as meant. */
const TYPOS: [RegExp, string][] = [
  [/检查建议/g, '检察建议'],
  [/季渡/g, '季度'],
  [/回覆/g, '回复'],
  [/逾其/g, '逾期'],
  [/通知单/g, '通知书'],
  [/决定单/g, '决定书'],
];

export interface QuestionSlots {
  period: ReportPeriod;
  /** True when no period was named and the default (this year) is used. */
  periodDefaulted: boolean;
  units: string[];
  item: Item;
  status?: Status;
  measure: Measure;
  group?: Grouping;
}

export type QuestionReading = { kind: 'slots'; slots: QuestionSlots } | { kind: 'ask'; question: string; buttons: string[] };

/** Full-width to half-width, no spaces, typos mended. */
export function normalizeQuestion(text: string): string {
  let out = text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[?？。!！]+$/u, '');
  for (const [typo, meant] of TYPOS) out = out.replace(typo, meant);
  return out;
}

function firstOf<K extends string>(text: string, table: Record<K, readonly string[]>): K | undefined {
  const hits = (Object.entries(table) as [K, readonly string[]][]).flatMap(([key, words]) =>
    words.filter((w) => text.includes(w)).map((w) => ({ key, at: text.indexOf(w), length: w.length })),
  );
  hits.sort((a, b) => b.length - a.length || a.at - b.at);
  return hits[0]?.key;
}

const ITEM_CHOICES = ['线索', '检察建议', '通知书', '决定书', '移送', '整改', '会议', '巡查'];

/** Items whose only measure is the count. */
const COUNTED_ONLY: readonly Item[] = ['clue', 'meeting', 'inspection'];

/** The agencies a question may name: the one names resolver (src/domain/names) over config/agencies.yaml. */
export type UnitNames = NameIndex<{ code: string }>;

/** Words of a question that are not a unit's name (besides items, statuses, measures and groupings). */
const FILLER = /[的了有是几多少个件份条次吗呢啊呀么在和与及跟对给被把向从]|收到|移送|统计|情况|怎么样|一共|总共|合计|目前|现在/g;
/** A unit's name ends so: what is read as a misspelt unit must have one of them. */
const UNIT_ENDING = /[局院委府所厅办队站]/;

/**
 * A unit in what is left of a question once everything understood is taken out, read by the names
 * resolver from the longest span of 3–10 characters with a unit's ending: a part of one name only it
 * has (人民检察院, 农村局) is that unit; several (您指的是) or a near miss (您是不是要找) are asked.
 */
type UnitSpan = { kind: 'found'; code: string } | { kind: 'ask'; typed: string; choices: string[]; near: boolean };

function unitSpans(rest: string, names: UnitNames): UnitSpan[] {
  const spans: UnitSpan[] = [];
  for (const segment of rest.split(/[^\p{Script=Han}A-Za-z]+/u)) {
    let found: UnitSpan | undefined;
    for (let length = Math.min(10, segment.length); length >= 3 && !found; length--) {
      for (let at = 0; at + length <= segment.length && !found; at++) {
        const typed = segment.slice(at, at + length);
        const ending = UNIT_ENDING.test(typed);
        // Without a unit's ending only a near miss of 4 characters or more is read (市场监管句).
        if (!ending && length < 4) continue;
        const match = names.match(typed);
        if (!ending && match.kind !== 'suggest') continue;
        if (match.kind === 'found') found = { kind: 'found', code: match.entry.value.code };
        else if (match.kind !== 'none') found = { kind: 'ask', typed, choices: match.entries.map((e) => e.label), near: match.kind === 'suggest' };
      }
    }
    if (found) spans.push(found);
  }
  return spans;
}

/** Takes every word of the tables out of a text (longest first), leaving a space for each. */
function without(text: string, words: readonly string[]): string {
  return [...words].sort((a, b) => b.length - a.length).reduce((t, w) => t.replaceAll(w, ' '), text);
}

/**
 * Reads a question's slots: period (time grammar), units, item, status, measure, grouping. When the
 * item cannot be told it asks one short question instead of guessing.
 */
export function readQuestion(raw: string, today: LocalDate, names: UnitNames): QuestionReading {
  const text = normalizeQuestion(raw);
  const time = readTime(text, today);
  const rest = time ? text.replace(time.words, ' ') : text;
  // 检察建议 and 移送公安 name an item, not the procuratorate or the police.
  const withoutItems = without(rest, Object.values(ITEMS).flat());
  const mentioned = names.mentions(withoutItems);
  // In the order the question names them.
  const at = (e: (typeof mentioned)[number]) => Math.min(...[e.label, ...e.names].map((n) => withoutItems.indexOf(n)).filter((i) => i >= 0));
  const units = [...mentioned].sort((a, b) => at(a) - at(b)).map((e) => e.value.code);
  // A unit that is neither named nor read as a name's part: ask, do not guess (您是不是要找).
  const leftover = without(withoutItems, [
    ...mentioned.flatMap((e) => [e.label, ...e.names]),
    ...Object.values(STATUSES).flat(),
    ...Object.values(MEASURES).flat(),
    ...Object.values(GROUPS).flat(),
  ]).replace(FILLER, ' ');
  for (const span of unitSpans(leftover, names)) {
    if (span.kind === 'found') {
      if (!units.includes(span.code)) units.push(span.code);
      continue;
    }
    const question = span.near ? `找不到单位「${span.typed}」。您是不是要找：` : `「${span.typed}」可指多个单位：`;
    return {
      kind: 'ask',
      question: `${question}${span.choices.join('、')}？请点选，或换个说法再问。`,
      buttons: span.choices.map((label) => `问 ${text.replace(span.typed, label)}`),
    };
  }
  let item = firstOf(rest, ITEMS);
  // 移送检察院的线索 is a clue; 移送 alone is a transfer to the police.
  if (!item && /移送/.test(rest)) item = 'transfer';
  if (!item && /整改/.test(rest)) item = 'rectification';
  if (!item && /回复|通知|建议/.test(rest)) {
    return { kind: 'ask', question: '您问的是检察建议、通知书还是决定书？请带上类型再问一次。', buttons: [] };
  }
  if (!item) return { kind: 'ask', question: `您想统计哪类事项：${ITEM_CHOICES.join('、')}？请带上类型再问一次。`, buttons: [] };
  const measure = firstOf(rest, MEASURES) ?? 'count';
  // Clues, meetings and inspections are counted only: a rate of them is asked about, not guessed.
  if (measure !== 'count' && COUNTED_ONLY.includes(item)) {
    const itemWord = ITEMS[item][0];
    const measureWord = MEASURES[measure][0];
    return {
      kind: 'ask',
      question: `${itemWord}只统计数量，没有${measureWord}。您要问${itemWord}数量，还是检察建议、通知书的${measureWord}？`,
      buttons: [`问 ${text.replace(measureWord, '数量')}`],
    };
  }
  let status = firstOf(rest, STATUSES);
  // 整改了几件 asks for the rectified ones; 整改率 is a measure, not a status.
  if (measure === 'rectifyRate' && status === 'rectified') status = undefined;
  const group = (Object.keys(GROUPS) as Grouping[]).find((g) => GROUPS[g].some((w) => rest.includes(w)));
  const period = time?.period ?? yearPeriod(Number(today.slice(0, 4)));
  return {
    kind: 'slots',
    slots: { period, periodDefaulted: !time, units, item, measure, ...(status ? { status } : {}), ...(group ? { group } : {}) },
  };
}

/** A parse as one comparable line (the evaluation set's expected column): from~to|units|item|status|measure|group. */
export function parseKey(slots: QuestionSlots): string {
  return [`${slots.period.from}~${slots.period.to}`, slots.units.join('+') || '-', slots.item, slots.status ?? '-', slots.measure, slots.group ?? '-'].join(
    '|',
  );
}
