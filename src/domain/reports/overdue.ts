import { daysBetween, parseLocalDate, type LocalDate } from '../../kernel/time/local-date';
import type { OverdueRow, OverdueRows } from '../../store/reports';

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

/** A page of the store's overdue rows, each with its type's name and its days overdue as of `today`. */
export function overduePage(page: OverdueRows, today: LocalDate, typeOf: (row: OverdueRow) => string): OverduePage {
  return {
    total: page.total,
    items: page.rows.map((row) => ({
      number: row.number,
      type: typeOf(row),
      recipient: row.recipient,
      dueDate: row.dueDate,
      daysOverdue: daysBetween(parseLocalDate(row.dueDate), today),
      escalated: row.escalated,
    })),
  };
}

export function overdueLine(item: OverdueItem, index: number, nameOf: (code: string) => string): string {
  const stage = item.escalated ? '已升级督办' : '待升级督办';
  return `${index}. ${item.number} ${item.type} → ${nameOf(item.recipient)}，到期 ${item.dueDate}，逾期 ${item.daysOverdue} 天，${stage}`;
}
