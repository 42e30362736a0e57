import type { Clock } from '../../kernel/clock';
import type { Person } from '../../kernel/people';
import type { LocalDate } from '../../kernel/time/local-date';
import { localDateOf } from '../../kernel/time/local-time';
import type { DeadlineDocument, DocumentStore } from '../../store/documents';
import type { ClueStatus } from '../../store/clues';
import type { ClueService } from '../clues/clue-service';
import { STATUS_NAMES } from '../clues/texts';
import type { ClueSummary } from '../clues/types';
import type { DocumentKinds } from '../documents/kinds';
import type { Organization } from '../organization';
import { paged, pageWindow, type Paged } from '../paging';
import { readSearch, searchText, type SearchQuery, type SearchStatus } from './query';

/** How many of each register one search looks at (newest first); past it the reply asks for a narrower search. */
export const SEARCH_SCAN = 2000;

export type SearchHit =
  | { kind: 'clue'; date: LocalDate; clue: ClueSummary /** A keyword matched its (decrypted) texts. */; inText: boolean }
  | { kind: 'document'; date: LocalDate; doc: DeadlineDocument };

export interface SearchResult {
  query: SearchQuery;
  hits: Paged<SearchHit>;
  /** A register held more than SEARCH_SCAN matching the filters: only the newest were looked at. */
  capped: boolean;
}

export interface SearchDeps {
  clues: Pick<ClueService, 'searchable' | 'audit'>;
  documents: Pick<DocumentStore, 'search'>;
  kinds: DocumentKinds;
  org: Organization;
  clock: Clock;
}

const CLUE_STATUSES: Record<SearchStatus, readonly ClueStatus[] | null> = {
  open: ['submitted', 'accepted'],
  closed: ['concluded'],
  overdue: ['submitted', 'accepted'],
  submitted: ['submitted'],
  accepted: ['accepted'],
  withdrawn: ['withdrawn'],
  // Reply statuses are documents' only.
  unreplied: null,
  replied: null,
};

const DOCUMENT_STATUS: Record<SearchStatus, ((doc: DeadlineDocument, today: LocalDate) => boolean) | null> = {
  open: (d) => d.status === 'open',
  closed: (d) => d.status === 'closed',
  overdue: (d, today) => d.status === 'open' && d.dueDate < today,
  unreplied: (d) => !d.reply,
  replied: (d) => Boolean(d.reply),
  submitted: null,
  accepted: null,
  withdrawn: null,
};

/**
 * 查询: finds the clues and documents the sender may see (config/visibility.yaml action `search`, and
 * their own clues) by number, 文号, unit, person or — only in clues whose details they may read —
 * the clue's texts. Every clue whose texts a search opens is written to the clue audit log.
 */
export class SearchService {
  constructor(private readonly deps: SearchDeps) {}

  private today(): LocalDate {
    return localDateOf(this.deps.clock.now());
  }

  /** Reads the arguments of `查询` (refusing bad input) and returns the page asked for. */
  async search(viewer: Person, args: string, page: number, channel: string): Promise<SearchResult> {
    const { org } = this.deps;
    const today = this.today();
    const query = readSearch(args, today, (text) => org.resolve(text).code);
    // A keyword that names a unit also finds that unit's items.
    const keywords = query.keywords.map((word) => {
      const match = org.names.match(word);
      return { text: searchText(word), unit: match.kind === 'found' ? match.entry.value.code : undefined };
    });
    const [clues, documents] = await Promise.all([this.clueHits(viewer, query, keywords, today, channel), this.documentHits(viewer, query, keywords, today)]);
    const hits = [...clues.hits, ...documents.hits].sort((a, b) => (a.date === b.date ? 0 : a.date < b.date ? 1 : -1));
    const window = pageWindow(page);
    return { query, hits: paged(hits.slice(window.skip, window.skip + window.limit), window), capped: clues.capped || documents.capped };
  }

  private async clueHits(
    viewer: Person,
    query: SearchQuery,
    keywords: Keyword[],
    today: LocalDate,
    channel: string,
  ): Promise<{ hits: SearchHit[]; capped: boolean }> {
    const statuses = query.status ? CLUE_STATUSES[query.status] : undefined;
    if (statuses === null) return { hits: [], capped: false };
    const candidates = await this.deps.clues.searchable(
      viewer,
      { ...(statuses && { statuses }), ...(query.period && { from: query.period.start, before: query.period.end }) },
      SEARCH_SCAN,
    );
    const { org } = this.deps;
    const hits: SearchHit[] = [];
    const opened: string[] = [];
    for (const { clue, readable, openTexts } of candidates) {
      if (query.unit && clue.route !== query.unit) continue;
      if (query.status === 'overdue' && !clueOverdue(clue, today)) continue;
      const line = searchText([clue.number, clue.category, org.name(clue.route), org.shortName(clue.route), STATUS_NAMES[clue.status]].join('|'));
      let missing = keywords.filter((k) => k.unit !== clue.route && !line.includes(k.text));
      let inText = false;
      if (missing.length && readable && openTexts) {
        // The clue's own texts, decrypted for a viewer who may read them: audited.
        const texts = searchText(openTexts().join('|'));
        opened.push(clue.number);
        missing = missing.filter((k) => !texts.includes(k.text));
        inText = !missing.length;
      }
      if (!missing.length) hits.push({ kind: 'clue', date: localDateOf(clue.submittedAt), clue, inText });
    }
    const now = this.deps.clock.now();
    const actor = { channel: viewer.channel, userId: viewer.userId, name: viewer.name, agency: viewer.agency };
    for (const number of opened) await this.deps.clues.audit.append(number, 'search', actor, channel, now);
    return { hits, capped: candidates.length >= SEARCH_SCAN };
  }

  private async documentHits(viewer: Person, query: SearchQuery, keywords: Keyword[], today: LocalDate): Promise<{ hits: SearchHit[]; capped: boolean }> {
    const test = query.status ? DOCUMENT_STATUS[query.status] : undefined;
    if (test === null) return { hits: [], capped: false };
    const { kinds, org } = this.deps;
    const docs = await this.deps.documents.search({ ...(query.period && { from: query.period.from, to: query.period.to }) }, SEARCH_SCAN);
    const hits: SearchHit[] = [];
    for (const doc of docs) {
      if (!kinds.mayView(doc, viewer, 'search')) continue;
      const parties = [doc.issuer, doc.recipient];
      if (query.unit && !parties.includes(query.unit)) continue;
      if (test && !test(doc, today)) continue;
      const line = searchText(
        [
          doc.number,
          doc.reference,
          kinds.name(doc.kind),
          ...parties.flatMap((p) => [org.name(p), org.shortName(p)]),
          doc.createdBy.name,
          doc.reply?.by.name,
          doc.reply?.text,
          doc.correction?.by.name,
          doc.correction?.text,
        ]
          .filter(Boolean)
          .join('|'),
      );
      if (keywords.every((k) => (k.unit && parties.includes(k.unit)) || line.includes(k.text)))
        hits.push({ kind: 'document', date: doc.startDate as LocalDate, doc });
    }
    return { hits, capped: docs.length >= SEARCH_SCAN };
  }
}

interface Keyword {
  text: string;
  /** The unit the keyword names, when it names one. */
  unit?: string;
}

/** A clue past its acceptance or handling day and still open. */
function clueOverdue(clue: ClueSummary, today: LocalDate): boolean {
  if (clue.status === 'submitted') return clue.acceptanceDue < today;
  return clue.status === 'accepted' && Boolean(clue.handlingDue && clue.handlingDue < today);
}
