import type { LocalDate } from '../../kernel/time/local-date';
import { yearPeriod, type ReportPeriod } from '../reports/period';
import { readTime } from './time-grammar';
import { namedAgencies, type NamedAgency } from './unit-names';

/** What a leader's question counts: a register, or a document kind of config/deadlines.yaml. */
export const ITEMS = {
  clue: ['线索'],
  recommendation: ['检察建议'],
  notice: ['通知书', '监督通知'],
  decision: ['决定书', '监督决定'],
  transfer: ['移送公安', '行刑衔接', '涉嫌犯罪', '移送案件'],
  rectification: ['整改事项', '整改问题', '问题'],
  meeting: ['会议'],
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

/**
 * Reads a question's slots: period (time grammar), units, item, status, measure, grouping. When the
 * item cannot be told it asks one short question instead of guessing.
 */
export function readQuestion(raw: string, today: LocalDate, agencies: readonly NamedAgency[]): QuestionReading {
  const text = normalizeQuestion(raw);
  const time = readTime(text, today);
  const rest = time ? text.replace(time.words, ' ') : text;
  // 检察建议 and 移送公安 name an item, not the procuratorate or the police.
  const itemWords = Object.values(ITEMS).flat();
  const units = namedAgencies(
    itemWords.reduce((t, w) => t.replaceAll(w, ' '), rest),
    agencies,
  ).map((u) => u.code);
  let item = firstOf(rest, ITEMS);
  // 移送检察院的线索 is a clue; 移送 alone is a transfer to the police.
  if (!item && /移送/.test(rest)) item = 'transfer';
  if (!item && /整改/.test(rest)) item = 'rectification';
  if (!item && /回复|通知|建议/.test(rest)) {
    return { kind: 'ask', question: '您问的是检察建议、通知书还是决定书？请带上类型再问一次。', buttons: [] };
  }
  if (!item) return { kind: 'ask', question: `您想统计哪类事项：${ITEM_CHOICES.join('、')}？请带上类型再问一次。`, buttons: [] };
  const measure = firstOf(rest, MEASURES) ?? 'count';
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
