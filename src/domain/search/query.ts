import type { LocalDate } from '../../kernel/time/local-date';
import { Refusal } from '../errors';
import { normalizeQuestion } from '../questions/question';
import { readTime } from '../questions/time-grammar';
import type { ReportPeriod } from '../reports/period';

/** The statuses 查询 filters by, with the words that name them (clues and documents alike). */
export const SEARCH_STATUSES = {
  open: ['在办', '办理中', '未办结', '未完成'],
  closed: ['已办结', '办结', '已完成'],
  overdue: ['逾期', '超期'],
  submitted: ['待受理', '未受理'],
  accepted: ['已受理'],
  withdrawn: ['已撤回', '撤回'],
  unreplied: ['未回复', '待回复', '没回复'],
  replied: ['已回复'],
} as const;
export type SearchStatus = keyof typeof SEARCH_STATUSES;

/** What a 查询 asks: every keyword must match (a keyword that names a unit also matches the unit's items). */
export interface SearchQuery {
  keywords: string[];
  /** 单位 X: the agency's code (a party to the item). */
  unit?: string;
  status?: SearchStatus;
  /** 时间 X: the item's date (a clue's submission, a document's start day) within. */
  period?: ReportPeriod;
}

export const SEARCH_USAGE =
  '查询 <关键词> [单位 X] [状态 X] [时间 X] — 关键词可为线索编号、文书编号或文号、单位、人名或线索内容；状态可为在办、已办结、逾期、待受理、已受理、已撤回、未回复、已回复；时间如 本月、上季度、2026年3月';

const STATUS_LIST = Object.values(SEARCH_STATUSES)
  .map((words) => words[0])
  .join('、');

function statusOf(word: string): SearchStatus | undefined {
  const wanted = normalizeQuestion(word);
  return (Object.keys(SEARCH_STATUSES) as SearchStatus[]).find((s) => (SEARCH_STATUSES[s] as readonly string[]).includes(wanted));
}

/** A period only when the whole word is one (本月, 上季度, 2026年3月 …): 2026 alone stays a keyword (文号). */
function periodOf(word: string, today: LocalDate): ReportPeriod | undefined {
  const text = normalizeQuestion(word);
  if (/^\d+$/.test(text)) return undefined;
  const time = readTime(text, today);
  return time && time.words === text ? time.period : undefined;
}

const FILTERS = { 单位: 'unit', 状态: 'status', 时间: 'time' } as const;

/**
 * Reads `查询 …`'s arguments: keywords, and the filters 单位 X / 状态 X / 时间 X (also 单位:X), a bare
 * status word or period counting as its filter. `unit` resolves a unit's name (the one names resolver;
 * it refuses with choices when unclear). Bad input is refused with the reason, nothing searched.
 */
export function readSearch(args: string, today: LocalDate, unit: (text: string) => string): SearchQuery {
  const tokens = args
    .normalize('NFKC')
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((t) => {
      const m = /^(单位|状态|时间)[:：](.+)$/.exec(t);
      return m ? [m[1]!, m[2]!] : [t];
    });
  const query: SearchQuery = { keywords: [] };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const filter = FILTERS[token as keyof typeof FILTERS];
    if (filter && i + 1 < tokens.length) {
      const value = tokens[++i]!;
      if (filter === 'unit') query.unit = unit(value);
      else if (filter === 'status') {
        const status = statusOf(value);
        if (!status) throw new Refusal(`看不懂状态「${value}」。可用：${STATUS_LIST}。`);
        query.status = status;
      } else {
        const period = periodOf(value, today);
        if (!period) throw new Refusal(`看不懂时间「${value}」。可用如 本月、上月、上季度、今年上半年、近三个月、2026年3月。`);
        query.period = period;
      }
      continue;
    }
    const status = statusOf(token);
    const period = status ? undefined : periodOf(token, today);
    if (status) query.status = status;
    else if (period) query.period = period;
    else query.keywords.push(token);
  }
  if (!query.keywords.length && !query.unit && !query.status && !query.period) throw new Refusal(`请说要查什么。用法：${SEARCH_USAGE}`);
  if (query.period && query.period.from > today) throw new Refusal(`${query.period.label}尚未开始，请换一个时间。`);
  return query;
}

/** What texts are compared on: half-width, lower case, no spaces or brackets (嘉检建[2026]1号 = 嘉检建〔2026〕1号). */
export function searchText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s[\]〔〕【】()（）{}<>《》「」"'“”‘’]/g, '');
}

/** How the query was understood, for the reply's heading. */
export function describeSearch(query: SearchQuery, unitName: (code: string) => string): string {
  return [
    ...query.keywords.map((k) => `「${k}」`),
    ...(query.unit ? [`单位：${unitName(query.unit)}`] : []),
    ...(query.status ? [`状态：${SEARCH_STATUSES[query.status][0]}`] : []),
    ...(query.period ? [`时间：${query.period.from} 至 ${query.period.to}`] : []),
  ].join('，');
}
