import { CLUE_ROUTES, type ClueRoute } from '../../config/routing';
import { ClueModel } from '../../store/mongo/models/clue';
import { DeadlineDocumentModel } from '../../store/mongo/models/deadline-document';
import { RectificationItemModel } from '../../store/mongo/models/rectification-item';
import { addMonths, type LocalDate } from '../../kernel/time/local-date';
import { monthPeriod } from './period';

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

async function byMonth(model: typeof ClueModel | typeof RectificationItemModel, match: object, monthField: string): Promise<Map<string, number>> {
  const rows = await (model as typeof ClueModel).aggregate<{ _id: string; n: number }>([
    { $match: match },
    { $group: { _id: `$${monthField}`, n: { $sum: 1 } } },
  ]);
  return new Map(rows.map((row) => [row._id, row.n]));
}

// A document is late when the step that closes it (correction for a notice, reply otherwise) came late or not at all.
const documentLate = [
  { status: 'open' as const },
  { kind: { $ne: 'notice' as const }, 'reply.late': true },
  { kind: 'notice' as const, 'correction.late': true },
];

async function overdueDocuments(month: string, today: LocalDate): Promise<number> {
  const { from, to } = monthPeriod(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
  return DeadlineDocumentModel.countDocuments({ dueDate: { $gte: from, $lte: to, $lt: today }, $or: documentLate });
}

export async function trendData(today: LocalDate): Promise<TrendData> {
  const months = lastTwelveMonths(today);
  const [perRoute, items, documents] = await Promise.all([
    Promise.all(CLUE_ROUTES.map((route) => byMonth(ClueModel, { route, month: { $in: months } }, 'month'))),
    byMonth(RectificationItemModel, { dueMonth: { $in: months }, dueDate: { $lt: today }, $or: [{ status: 'open' }, { doneLate: true }] }, 'dueMonth'),
    Promise.all(months.map((month) => overdueDocuments(month, today))),
  ]);
  const referrals = Object.fromEntries(CLUE_ROUTES.map((route, i) => [route, months.map((m) => perRoute[i]!.get(m) ?? 0)])) as Record<ClueRoute, number[]>;
  return { months, referrals, overdue: months.map((m, i) => documents[i]! + (items.get(m) ?? 0)) };
}
