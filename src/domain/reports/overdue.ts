import { DeadlineDocumentModel } from '../../store/mongo/models/deadline-document';
import type { DeadlineDocument } from '../../store/documents';
import { RectificationItemModel } from '../../store/mongo/models/rectification-item';
import type { RectificationItem } from '../../store/inspections';
import { daysBetween, parseLocalDate, type LocalDate } from '../../kernel/time/local-date';

/** One open item past its due date: a document with a deadline or a rectification item. */
export interface OverdueItem {
  number: string;
  type: string;
  recipient: string;
  dueDate: string;
  daysOverdue: number;
  escalated: boolean;
}

export interface OverduePage {
  total: number;
  items: OverdueItem[];
}

export const RECTIFICATION_TYPE = '整改事项';

type Source = Pick<DeadlineDocument | RectificationItem, 'number' | 'dueDate' | 'escalatedAt'>;

/**
 * Every open item past due as of `today`, oldest due first, `limit` from `skip`.
 * Both collections are read in due order and merged, so a page costs skip + limit rows.
 */
export async function overduePage(today: LocalDate, kindName: (kind: DeadlineDocument['kind']) => string, skip: number, limit: number): Promise<OverduePage> {
  const filter = { status: 'open' as const, dueDate: { $lt: today } };
  const fields = { number: 1, kind: 1, recipient: 1, owner: 1, dueDate: 1, escalatedAt: 1 };
  const [documentCount, itemCount] = await Promise.all([DeadlineDocumentModel.countDocuments(filter), RectificationItemModel.countDocuments(filter)]);
  const total = documentCount + itemCount;
  if (skip >= total || limit === 0) return { total, items: [] };
  const [documents, items] = await Promise.all([
    DeadlineDocumentModel.find(filter, fields)
      .sort({ dueDate: 1, number: 1 })
      .limit(skip + limit)
      .lean<DeadlineDocument[]>(),
    RectificationItemModel.find(filter, fields)
      .sort({ dueDate: 1, number: 1 })
      .limit(skip + limit)
      .lean<RectificationItem[]>(),
  ]);
  const toItem = (source: Source, type: string, recipient: string): OverdueItem => ({
    number: source.number,
    type,
    recipient,
    dueDate: source.dueDate,
    daysOverdue: daysBetween(parseLocalDate(source.dueDate), today),
    escalated: Boolean(source.escalatedAt),
  });
  const merged = [
    ...documents.map((doc) => toItem(doc, kindName(doc.kind), doc.recipient)),
    ...items.map((item) => toItem(item, RECTIFICATION_TYPE, item.owner)),
  ].sort((a, b) => (a.dueDate === b.dueDate ? a.number.localeCompare(b.number) : a.dueDate < b.dueDate ? -1 : 1));
  return { total, items: merged.slice(skip, skip + limit) };
}

export function overdueLine(item: OverdueItem, index: number, nameOf: (code: string) => string): string {
  const stage = item.escalated ? '已升级督办' : '待升级督办';
  return `${index}. ${item.number} ${item.type} → ${nameOf(item.recipient)}，到期 ${item.dueDate}，逾期 ${item.daysOverdue} 天，${stage}`;
}
