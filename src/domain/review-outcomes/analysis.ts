import { REVIEW_KINDS, type ReviewKind } from '../../config/review-outcomes';
import type { ReviewOutcome } from '../../store/review-outcomes';
import { monthPeriod, quarterPeriod, yearPeriod, type ReportPeriod } from '../reports/period';

/** Decided cases of one kind and how many went against the unit (复议纠错 / 诉讼败诉). */
export interface KindFigures {
  cases: number;
  adverse: number;
  /** adverse ÷ cases, null without cases. */
  rate: number | null;
}

export interface UnitAnalysis {
  unit: string;
  current: Record<ReviewKind, KindFigures>;
  previous: Record<ReviewKind, KindFigures>;
  /** Reason categories of the current period's corrections and losses, most frequent first. */
  topReasons: { reason: string; count: number }[];
  /** A rate rose by at least the configured points: suggested for the next joint inspection. */
  flagged: boolean;
}

export interface FlagRule {
  topReasons: number;
  /** Percentage points. */
  risePoints: number;
  minCases: number;
}

/** The period of the same length just before `period` (year, quarter or month). */
export function previousPeriod(period: ReportPeriod): ReportPeriod {
  const year = Number(period.key.slice(0, 4));
  const quarter = /-Q(\d)$/.exec(period.key);
  if (quarter) {
    const q = Number(quarter[1]);
    return q === 1 ? quarterPeriod(year - 1, 4) : quarterPeriod(year, q - 1);
  }
  if (period.key.length === 7) {
    const month = Number(period.key.slice(5, 7));
    return month === 1 ? monthPeriod(year - 1, 12) : monthPeriod(year, month - 1);
  }
  return yearPeriod(year - 1);
}

export function kindFigures(records: readonly ReviewOutcome[], kind: ReviewKind): KindFigures {
  const ofKind = records.filter((r) => r.kind === kind);
  const adverse = ofKind.filter((r) => r.adverse).length;
  return { cases: ofKind.length, adverse, rate: ofKind.length ? adverse / ofKind.length : null };
}

function figuresOf(records: readonly ReviewOutcome[]): Record<ReviewKind, KindFigures> {
  return Object.fromEntries(REVIEW_KINDS.map((kind) => [kind, kindFigures(records, kind)])) as Record<ReviewKind, KindFigures>;
}

function rose(current: KindFigures, previous: KindFigures, rule: FlagRule): boolean {
  if (current.rate === null || current.cases < rule.minCases) return false;
  return (current.rate - (previous.rate ?? 0)) * 100 >= rule.risePoints;
}

/**
 * Per unit: volumes, correction and loss rates, top reasons, and the previous period's rates.
 * Units are those given, else every unit with a record in either period, in `order`.
 */
export function analyse(
  current: readonly ReviewOutcome[],
  previous: readonly ReviewOutcome[],
  rule: FlagRule,
  order: readonly string[],
  units?: readonly string[],
): UnitAnalysis[] {
  const present = new Set([...current, ...previous].map((r) => r.unit));
  const listed = units ?? order.filter((unit) => present.has(unit));
  return listed.map((unit) => {
    const mine = current.filter((r) => r.unit === unit);
    const before = previous.filter((r) => r.unit === unit);
    const counts = new Map<string, number>();
    for (const r of mine) if (r.adverse && r.reason) counts.set(r.reason, (counts.get(r.reason) ?? 0) + 1);
    const topReasons = [...counts]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1))
      .slice(0, rule.topReasons);
    const now = figuresOf(mine);
    const then = figuresOf(before);
    return { unit, current: now, previous: then, topReasons, flagged: REVIEW_KINDS.some((kind) => rose(now[kind], then[kind], rule)) };
  });
}

/** 0.25 → 25.0%; no cases → —. */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}
