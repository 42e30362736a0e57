import type { ClueRoute } from '../../config/routing';
import { addMonths, type LocalDate } from '../../kernel/time/local-date';
import type { ReportStore } from '../../store/reports';
import type { DocumentKinds } from '../documents/kinds';

/** Monthly series of the last 12 months, the current one last. */
export interface TrendData {
  months: string[];
  referrals: Record<ClueRoute, number[]>;
  /** Items whose deadline fell in the month and that were not done by it (as of today). */
  overdue: number[];
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
