import type { OutgoingMessage } from '../kernel/messages';

/**
 * Lists in chat are read a page at a time: `<命令> 第N页` (or `<命令> N`), and while more remain
 * the reply ends with a 下一页 button that sends the next page's command. One more row than shown
 * is read to know whether there is a next page, so no count query is needed.
 */
export const LIST_PAGE_SIZE = 10;

/** The optional page argument of a list command: 第2页, 2, 2页 (capture group 1). */
export const PAGE_ARGUMENT = String.raw`(?:\s*第?\s*(\d{1,4})\s*页?)?`;

/** The page a command asked for: 1 unless a positive number was given. */
export function pageNumber(text: string | undefined): number {
  const n = Number(text ?? 1);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

/** Which rows a page reads: `limit` (one more than shown) from `skip`. */
export interface PageWindow {
  page: number;
  size: number;
  skip: number;
  limit: number;
}

export function pageWindow(page: number, size = LIST_PAGE_SIZE): PageWindow {
  return { page, size, skip: (page - 1) * size, limit: size + 1 };
}

export interface Paged<T> {
  items: T[];
  page: number;
  /** The list number of the first item (1 on the first page). */
  first: number;
  more: boolean;
}

/** A page from the rows its window read. */
export function paged<T>(rows: readonly T[], window: PageWindow): Paged<T> {
  return { items: rows.slice(0, window.size), page: window.page, first: window.skip + 1, more: rows.length > window.size };
}

/** Reads a page through `read(skip, limit)`. */
export async function readPage<T>(page: number, read: (skip: number, limit: number) => Promise<T[]>, size = LIST_PAGE_SIZE): Promise<Paged<T>> {
  const window = pageWindow(page, size);
  return paged(await read(window.skip, window.limit), window);
}

/** The command that shows page `page` of `command`'s list. */
export function pageCommand(command: string, page: number): string {
  return `${command} 第${page}页`;
}

/**
 * A list reply: heading, lines, a footer saying where the page stands, and a 下一页 button while
 * more remain. A page past the end says so and points back to the first.
 */
export function pagedReply<T>(command: string, heading: string, list: Paged<T>, line: (item: T, index: number) => string, hint: string): OutgoingMessage {
  if (list.items.length === 0) return { text: `第${list.page}页没有内容了。发送「${command}」从第1页看。` };
  const where = list.more
    ? `第${list.page}页；下一页：发送或点「${pageCommand(command, list.page + 1)}」。`
    : list.page > 1
      ? `第${list.page}页，已是最后一页。`
      : '';
  const footer = `${where}${hint}`;
  return {
    text: [heading, ...list.items.map((item, i) => line(item, list.first + i)), ...(footer ? [footer] : [])].join('\n'),
    ...(list.more ? { buttons: [pageCommand(command, list.page + 1)] } : {}),
  };
}
