import type { ClueRoute } from '../../config/routing';
import { addMonths, type LocalDate } from '../../kernel/time/local-date';
import type { ReportStore } from '../../store/reports';
import type { DocumentKinds } from '../documents/kinds';

/** Monthly series of the last 12 months, the current one last. */
export interface TrendData {
  months: string[];
  referrals: Record<ClueRoute, number[]>;
  /** 当月到期: items whose deadline fell in the month and that were not done by it (as of today). */
  overdue: number[];
  /** 月末逾期存量: items past due and not done at the month's end (today for this month). */
  backlog: number[];
}

/** The two overdue series as the chart's legend and the reply name them: one concept, one wording. */
export const TREND_SERIES = {
  overdue: { name: '当月到期未按期办结', means: '期限落在该月、未按期办结的事项' },
  backlog: { name: '月末逾期存量', means: '该月末（本月为今天）已过期限仍未办结的全部事项，与「逾期」列表一致' },
} as const;

/** The legend line under the chart and in the reply. */
export function trendLegend(): string {
  return `「${TREND_SERIES.overdue.name}」= ${TREND_SERIES.overdue.means}；「${TREND_SERIES.backlog.name}」= ${TREND_SERIES.backlog.means}。`;
}

export function lastTwelveMonths(today: LocalDate): string[] {
  return Array.from({ length: 12 }, (_, i) => addMonths(today, i - 11).slice(0, 7));
}

/** A document was done late when the answer that closes it (its kind's, config/deadlines.yaml) came late or not at all. */
export async function trendData(store: ReportStore, kinds: DocumentKinds, today: LocalDate): Promise<TrendData> {
  const months = lastTwelveMonths(today);
  const correctionKinds = kinds.documents.filter((kind) => kind.closedBy === 'correction').map((kind) => kind.key);
  return { months, ...(await store.monthlyFigures(months, today, correctionKinds)) };
}
