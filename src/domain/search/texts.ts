import type { OutgoingMessage } from '../../kernel/messages';
import { listLine } from '../clues/texts';
import type { DocumentKinds } from '../documents/kinds';
import { pagedReply } from '../paging';
import { describeSearch } from './query';
import { SEARCH_SCAN, type SearchHit, type SearchResult } from './search-service';

/** One line of the results: a clue's status line (never its texts), or a document with its 文号, sides and state. */
export function hitLine(hit: SearchHit, n: number, agencyName: (code: string) => string, kinds: DocumentKinds): string {
  if (hit.kind === 'clue') return `${n}. 线索 ${listLine(hit.clue, agencyName)}${hit.inText ? '　（内容含关键词）' : ''}`;
  const { doc } = hit;
  const state = doc.status === 'closed' ? '已办结' : `在办，期限 ${doc.dueDate}`;
  return `${n}. ${kinds.name(doc.kind)} ${doc.number}（${doc.reference}）　${agencyName(doc.issuer)}→${agencyName(doc.recipient)}　${state}　${doc.startDate}`;
}

/** The reply of `查询 <args>`: how it was understood, a page of results, 下一页 while more remain. */
export function searchReply(args: string, result: SearchResult, agencyName: (code: string) => string, kinds: DocumentKinds): OutgoingMessage {
  const understood = describeSearch(result.query, agencyName);
  const command = `查询 ${args.trim()}`;
  const capped = result.capped ? `（只查了最近${SEARCH_SCAN}条，请加单位、状态或时间缩小范围）` : '';
  if (!result.hits.items.length && result.hits.page === 1) {
    return { text: `没有找到您可查看的符合 ${understood} 的线索或文书${capped}。可换个关键词，或加「单位」「状态」「时间」条件再查。` };
  }
  return pagedReply(
    command,
    `按 ${understood} 查到（新的在前）${capped}：`,
    result.hits,
    (hit, n) => hitLine(hit, n, agencyName, kinds),
    '发送「线索 <编号>」或「文书 <编号>」查看详情。',
  );
}
