import { daysBetween, parseLocalDate, type LocalDate } from '../../kernel/time/local-date';
import type { DeadlineDocument } from '../../store/documents';
import type { ClueFigures, ExportRecords } from '../../store/reports';
import { outcomeDate } from '../documents/texts';
import type { QuestionSlots, Status } from './question';

/** The names an answer uses: agencies and document kinds. */
export interface AnswerNames {
  agency: (code: string) => string;
  kind: (key: string) => string;
  /** Whether an item of the question is a document kind whose closing answer is the correction. */
  closedByCorrection: (key: string) => boolean;
}

const STATUS_WORDS: Record<Status, string> = {
  overdue: '逾期',
  unreplied: '未回复',
  replied: '已回复',
  rectified: '已整改',
  concluded: '已办结',
  open: '在办',
};
const MEASURE_WORDS = { count: '数量', replyRate: '回复率', onTimeRate: '按期率', rectifyRate: '整改率', avgDays: '平均用时' } as const;
const ITEM_NAMES = { clue: '线索', rectification: '整改事项', meeting: '会议', inspection: '联合巡查' } as const;

/** One row the question counts: who it belongs to, its month, and what it answers per status and measure. */
interface Row {
  unit: string;
  month: string;
  is: Record<Status, boolean>;
  replied: boolean;
  onTime: boolean;
  corrected: boolean;
  days?: number;
}

function documentRow(doc: DeadlineDocument, today: LocalDate, byCorrection: boolean): Row {
  const closing = byCorrection ? doc.correction : doc.reply;
  const overdue = doc.status === 'open' && doc.dueDate < today;
  return {
    unit: doc.recipient,
    month: doc.startDate.slice(0, 7),
    is: {
      overdue,
      unreplied: !doc.reply,
      replied: Boolean(doc.reply),
      rectified: Boolean(doc.correction),
      concluded: doc.status === 'closed',
      open: doc.status === 'open',
    },
    replied: Boolean(doc.reply),
    onTime: Boolean(closing && !closing.late),
    corrected: Boolean(doc.correction),
    ...(closing ? { days: daysBetween(parseLocalDate(doc.startDate), parseLocalDate(outcomeDate(closing))) } : {}),
  };
}

function rowsOf(slots: QuestionSlots, records: ExportRecords, today: LocalDate, names: AnswerNames): Row[] {
  const flags = (overdue: boolean, done: boolean) => ({ overdue, unreplied: !done, replied: done, rectified: done, concluded: done, open: !done });
  switch (slots.item) {
    case 'rectification':
      return records.items.map((i) => ({
        unit: i.owner,
        month: i.dueDate.slice(0, 7),
        is: flags(i.status === 'open' && i.dueDate < today, i.status === 'done'),
        replied: i.status === 'done',
        onTime: i.status === 'done' && !i.doneLate,
        corrected: i.status === 'done',
        ...(i.doneDate ? { days: daysBetween(parseLocalDate(i.inspectionDate), parseLocalDate(i.doneDate)) } : {}),
      }));
    case 'meeting':
      return records.meetings.map((m) => ({ unit: '', month: m.date.slice(0, 7), is: flags(false, true), replied: false, onTime: false, corrected: false }));
    case 'inspection':
      return records.inspections.flatMap((i) =>
        (slots.units.length ? i.units.filter((u) => slots.units.includes(u)).slice(0, 1) : [i.units[0] ?? '']).map((unit) => ({
          unit,
          month: i.date.slice(0, 7),
          is: flags(false, true),
          replied: false,
          onTime: false,
          corrected: false,
        })),
      );
    case 'clue':
      return records.clues.map((c) => ({
        unit: c.route,
        month: c.submittedAt.toISOString().slice(0, 7),
        is: { ...flags(false, c.status === 'concluded'), open: c.status === 'submitted' || c.status === 'accepted' },
        replied: false,
        onTime: false,
        corrected: false,
      }));
    default:
      return records.documents.filter((d) => d.kind === slots.item).map((d) => documentRow(d, today, names.closedByCorrection(d.kind)));
  }
}

/** The figure as a number, for the chart: a percentage, a mean of days, or a count. */
function value(slots: QuestionSlots, rows: readonly Row[]): number {
  const share = (part: number) => (rows.length ? Math.round((1000 * part) / rows.length) / 10 : 0);
  switch (slots.measure) {
    case 'replyRate':
      return share(rows.filter((r) => r.replied).length);
    case 'onTimeRate':
      return share(rows.filter((r) => r.onTime).length);
    case 'rectifyRate':
      return share(rows.filter((r) => r.corrected).length);
    case 'avgDays': {
      const days = rows.flatMap((r) => (r.days === undefined ? [] : [r.days]));
      return days.length ? Math.round((10 * days.reduce((a, b) => a + b, 0)) / days.length) / 10 : 0;
    }
    default:
      return rows.length;
  }
}

const pct = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(1)}%（${part}/${whole}）` : '无（期间内没有此类事项）');

function figure(slots: QuestionSlots, rows: readonly Row[]): string {
  switch (slots.measure) {
    case 'replyRate':
      return pct(rows.filter((r) => r.replied).length, rows.length);
    case 'onTimeRate':
      return pct(rows.filter((r) => r.onTime).length, rows.length);
    case 'rectifyRate':
      return pct(rows.filter((r) => r.corrected).length, rows.length);
    case 'avgDays': {
      const days = rows.flatMap((r) => (r.days === undefined ? [] : [r.days]));
      return days.length ? `${(days.reduce((a, b) => a + b, 0) / days.length).toFixed(1)}天（${days.length}件已办）` : '无（期间内还没有办结的）';
    }
    default:
      return `${rows.length}`;
  }
}

export interface AnswerInput {
  slots: QuestionSlots;
  records: ExportRecords;
  /** Clue counts per route and status (every clue, the withheld route's included). */
  clueFigures: ClueFigures;
  today: LocalDate;
  names: AnswerNames;
}

/** One row of a grouped answer: a unit (its code) or a month (YYYY-MM), its figure as shown and as a number. */
export interface AnswerGroup {
  key: string;
  label: string;
  figure: string;
  value: number;
}

export interface Answer {
  text: string;
  buttons: string[];
  /** The item and measure, as named in the answer (a chart's title). */
  title: string;
  /** Per unit or month when the question groups (各单位, 按月): the small table, and the chart's data. */
  groups?: AnswerGroup[];
}

/** The answer: how the question was understood, the figure, a small table when grouped. */
export function answerText({ slots, records, clueFigures, today, names }: AnswerInput): Answer {
  const itemName = slots.item in ITEM_NAMES ? ITEM_NAMES[slots.item as keyof typeof ITEM_NAMES] : names.kind(slots.item);
  let rows = rowsOf(slots, records, today, names);
  if (slots.units.length && slots.item !== 'meeting') rows = rows.filter((r) => slots.units.includes(r.unit));
  if (slots.status) rows = rows.filter((r) => r.is[slots.status!]);
  const understood = [
    `${slots.period.from} 至 ${slots.period.to}${slots.periodDefaulted ? '（未说期间，按本年）' : ''}`,
    ...slots.units.map(names.agency),
    slots.status ? `${STATUS_WORDS[slots.status]}的${itemName}` : itemName,
    MEASURE_WORDS[slots.measure],
    ...(slots.group ? [slots.group === 'unit' ? '按单位' : '按月'] : []),
  ];
  const lines = [`按 ${understood.join('、')} 统计：`, `${itemName}${MEASURE_WORDS[slots.measure]}：${figure(slots, rows)}`];
  if (slots.item === 'clue' && slots.group !== 'month') {
    // Clues are counted from the counts (the withheld route's are never listed outside it).
    const count = (route: string) => {
      const byStatus = clueFigures[route as keyof ClueFigures];
      if (!byStatus) return 0;
      if (slots.status === 'concluded') return byStatus.concluded;
      if (slots.status === 'open') return byStatus.submitted + byStatus.accepted;
      return Object.values(byStatus).reduce((a, b) => a + b, 0);
    };
    const routes = Object.keys(clueFigures).filter((r) => !slots.units.length || slots.units.includes(r));
    lines[1] = `${itemName}数量：${routes.reduce((sum, r) => sum + count(r), 0)}`;
    const groups = slots.group === 'unit' ? routes.map((r) => ({ key: r, label: names.agency(r), figure: String(count(r)), value: count(r) })) : undefined;
    if (groups) lines.push(...groups.map((g) => `• ${g.label}：${g.figure}`));
    lines.push('理解有误请换个说法再问；发送「概况」看全部线索数字。');
    return { text: lines.join('\n'), buttons: ['概况', '导出'], title: `${itemName}${MEASURE_WORDS[slots.measure]}`, ...(groups && { groups }) };
  }
  let groups: AnswerGroup[] | undefined;
  if (slots.group) {
    const keyOf = (r: Row) => (slots.group === 'unit' ? r.unit : r.month);
    const keys = [...new Set(rows.map(keyOf))].sort();
    groups = keys.map((key) => {
      const part = rows.filter((r) => keyOf(r) === key);
      return { key, label: slots.group === 'unit' ? names.agency(key) : key, figure: figure(slots, part), value: value(slots, part) };
    });
    lines.push(...groups.map((g) => `• ${g.label}：${g.figure}`));
    if (!keys.length && !lines[1]?.includes('期间内没有此类事项')) lines.push('（期间内没有此类事项）');
  }
  lines.push('理解有误请换个说法再问；发送「逾期」看清单，「导出」下载明细。');
  return { text: lines.join('\n'), buttons: ['逾期', '导出'], title: `${itemName}${MEASURE_WORDS[slots.measure]}`, ...(groups && { groups }) };
}
