import type { IndicatorSource } from '../../config/indicators';
import type { AccountabilityCase } from '../../store/accountability';
import type { DeadlineDocument } from '../../store/documents';
import type { JointInspection, RectificationItem, SelfInspection } from '../../store/inspections';
import type { MediationCase } from '../../store/mediation';
import { localDateOf } from '../../kernel/time/local-time';
import type { ClueDeadlineRow } from '../../store/reports';
import type { ReviewOutcome } from '../../store/review-outcomes';
import { kindFigures } from '../review-outcomes/analysis';

/** A year's records of the county, each read by one query for the year (IndicatorService.collect). */
export interface YearRecords {
  /** Local day figures are counted up to: 31 December, or today while the year runs. */
  asOf: string;
  /** Month keys of the year up to `asOf`. */
  months: readonly string[];
  /** Joint inspections dated in the year. */
  inspections: readonly JointInspection[];
  /** Rectification items found by the year's inspections. */
  items: readonly RectificationItem[];
  /** Documents of the answered kinds served (start date) in the year. */
  documents: readonly DeadlineDocument[];
  /** Which answer closes a document of each kind: its correction or its reply. */
  closedByCorrection: ReadonlySet<string>;
  reviewOutcomes: readonly ReviewOutcome[];
  accountability: readonly AccountabilityCase[];
  selfInspections: readonly SelfInspection[];
  mediation: readonly MediationCase[];
  successOutcome: string;
  /** Clues submitted in the year, every receiving agency, dates only. */
  clues: readonly ClueDeadlineRow[];
  /** config/casework.yaml `pauseWhileReturned`: a clue waiting for 补充 has its clock stopped. */
  pausesWhileReturned: boolean;
}

/**
 * Whom an indicator is counted for: an enforcement unit, or an agency clues are routed to (jw, jcy,
 * sfj). Clues carry no enforcement unit (the submitter is kept only as a blind index), so the clue
 * figures are the receiving agencies'.
 */
export type IndicatorScope = 'unit' | 'receiver';

/** A count, or a rate with what it is made of (so county totals add numerators and denominators). */
export type IndicatorValue = { kind: 'count'; value: number } | { kind: 'rate'; numerator: number; denominator: number };

const count = (value: number): IndicatorValue => ({ kind: 'count', value });
const rate = (numerator: number, denominator: number): IndicatorValue => ({ kind: 'rate', numerator, denominator });

/**
 * Where a clue stands for 线索移送按期办理率, as of the counting day: on time (accepted within the
 * acceptance period and concluded within the handling period), late (either period missed), or not
 * yet decided (still within its periods, waiting for 补充 with the clock stopped, a transfer dispute
 * undecided, or withdrawn).
 */
export function clueTimeliness(clue: ClueDeadlineRow, asOf: string, pausesWhileReturned: boolean): 'onTime' | 'late' | 'open' {
  if (clue.status === 'withdrawn' || clue.dispute) return 'open';
  const acceptedDay = clue.acceptedAt && localDateOf(clue.acceptedAt);
  const concludedDay = clue.concludedAt && localDateOf(clue.concludedAt);
  if (acceptedDay ? acceptedDay > clue.acceptanceDue : clue.status === 'submitted' && clue.acceptanceDue < asOf && !(clue.returned && pausesWhileReturned))
    return 'late';
  if (!acceptedDay) return 'open';
  if (concludedDay) return clue.handlingDue && concludedDay > clue.handlingDue ? 'late' : 'onTime';
  if (clue.returned && pausesWhileReturned) return 'open';
  return clue.handlingDue && clue.handlingDue < asOf ? 'late' : 'open';
}

function answeredOnTime(doc: DeadlineDocument, byCorrection: ReadonlySet<string>): boolean {
  const answer = byCorrection.has(doc.kind) ? doc.correction : doc.reply;
  return Boolean(answer && !answer.late);
}

/**
 * Each source's definition (shown to users and in README) and its computation for one unit.
 * Rates: numerator ÷ denominator; a unit with a zero denominator has no rate (—).
 */
export const SOURCES: Record<IndicatorSource, { definition: string; scope?: IndicatorScope; compute(data: YearRecords, unit: string): IndicatorValue }> = {
  inspectionsOfUnit: {
    definition: '年内联合巡查中督查单位包含本单位的次数',
    compute: (d, unit) => count(d.inspections.filter((i) => i.units.includes(unit)).length),
  },
  problemsFound: {
    definition: '年内联合巡查发现、责任单位为本单位的问题数',
    compute: (d, unit) => count(d.items.filter((i) => i.owner === unit).length),
  },
  problemsRectified: {
    definition: '上述问题中截至统计日已整改销号的数量',
    compute: (d, unit) => count(d.items.filter((i) => i.owner === unit && i.status === 'done').length),
  },
  rectificationRate: {
    definition: '已整改销号的问题数 ÷ 年内巡查发现的问题数',
    compute: (d, unit) => {
      const mine = d.items.filter((i) => i.owner === unit);
      return rate(mine.filter((i) => i.status === 'done').length, mine.length);
    },
  },
  documentsAnsweredOnTime: {
    definition: '年内送达本单位的监督通知书、检察建议书中按期回复（通知书为按期整改）的件数 ÷ 截至统计日已到期或已答复的件数',
    compute: (d, unit) => {
      const due = d.documents.filter((doc) => doc.recipient === unit && (doc.dueDate <= d.asOf || doc.reply || doc.correction));
      return rate(due.filter((doc) => answeredOnTime(doc, d.closedByCorrection)).length, due.length);
    },
  },
  reconsiderationCorrectionRate: {
    definition: '年内决定的行政复议案件中被撤销、变更、确认违法、确认无效、责令履行的件数 ÷ 年内决定的行政复议案件数',
    compute: (d, unit) => {
      const f = kindFigures(
        d.reviewOutcomes.filter((r) => r.unit === unit),
        'reconsideration',
      );
      return rate(f.adverse, f.cases);
    },
  },
  litigationLossRate: {
    definition: '年内判决、裁定的行政诉讼案件中败诉的件数 ÷ 年内判决、裁定的行政诉讼案件数',
    compute: (d, unit) => {
      const f = kindFigures(
        d.reviewOutcomes.filter((r) => r.unit === unit),
        'litigation',
      );
      return rate(f.adverse, f.cases);
    },
  },
  accountabilityCases: {
    definition: '年内对本单位立案的过错责任追究案件数（不含姓名）',
    compute: (d, unit) => count(d.accountability.filter((c) => c.unit === unit).length),
  },
  selfInspectionCompleteness: {
    definition: '年内截至统计日已报送已结处罚案件自查情况的月份数 ÷ 已过月份数',
    compute: (d, unit) =>
      rate(new Set(d.selfInspections.filter((s) => s.unit === unit && d.months.includes(s.month)).map((s) => s.month)).size, d.months.length),
  },
  mediationCases: {
    definition: '年内登记的以本单位为行政一方的行政争议调解案件数',
    compute: (d, unit) => count(d.mediation.filter((m) => m.unit === unit).length),
  },
  mediationSuccessRate: {
    definition: '年内登记的本单位行政争议调解案件中调解成功的件数 ÷ 其中已办结的件数',
    compute: (d, unit) => {
      const closed = d.mediation.filter((m) => m.unit === unit && m.status === 'closed');
      return rate(closed.filter((m) => m.outcome === d.successOutcome).length, closed.length);
    },
  },
  clueTransfersOnTime: {
    scope: 'receiver',
    definition:
      '年内移送（提交）的线索，按截至统计日的接收机关（纪委监委、检察院、司法局）统计：在受理期限内受理且在办理期限内办结的件数 ÷ 已办结或受理、办理期限已过的件数（等待补充而计时暂停、管辖争议待协调、已撤回的不计；线索不记载移送的执法单位，故不分执法单位）',
    compute: (d, agency) => {
      const states = d.clues.filter((c) => c.route === agency).map((c) => clueTimeliness(c, d.asOf, d.pausesWhileReturned));
      return rate(states.filter((s) => s === 'onTime').length, states.filter((s) => s !== 'open').length);
    },
  },
};

/** Several units' values added up: counts summed, rates from the summed numerators and denominators. */
export function total(values: readonly IndicatorValue[]): IndicatorValue {
  if (values[0]?.kind === 'rate') {
    const rates = values as Extract<IndicatorValue, { kind: 'rate' }>[];
    return rate(
      rates.reduce((s, v) => s + v.numerator, 0),
      rates.reduce((s, v) => s + v.denominator, 0),
    );
  }
  return count((values as Extract<IndicatorValue, { kind: 'count' }>[]).reduce((s, v) => s + v.value, 0));
}

/** 12 / 75.0%（3/4） / —（0/0）. */
export function display(value: IndicatorValue): string {
  if (value.kind === 'count') return String(value.value);
  if (!value.denominator) return '—';
  return `${((value.numerator / value.denominator) * 100).toFixed(1)}%（${value.numerator}/${value.denominator}）`;
}

/** The number a workbook cell holds: the count, or the rate as a fraction (formatted as a percentage); null for no rate. */
export function cellNumber(value: IndicatorValue): number | null {
  if (value.kind === 'count') return value.value;
  return value.denominator ? value.numerator / value.denominator : null;
}
