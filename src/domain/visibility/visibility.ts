import type { ItemKind, Scope, VisibilityAction, VisibilityConfig } from '../../config/visibility';
import type { AgencyKind } from '../../config/agencies';
import type { Person } from '../../kernel/people';

/** What the policy needs of the organisation: an agency's kind, and the discipline commission's code. */
export interface VisibilityOrganization {
  kindOf(agency: string): AgencyKind | undefined;
  discipline: string;
}

export type { ItemKind, Scope, VisibilityAction } from '../../config/visibility';

/** What the policy needs of an item. */
export interface VisibleItem {
  /**
   * The agencies that are a party to it: a clue's receiving agency; a document's issuer side and
   * recipient; a meeting's organiser and invitees; an inspection's units (an item's owner).
   */
  parties: readonly string[];
  /** The `<channel>:<userId>` of whoever submitted it (a clue's submitter): they always see their own. */
  submitterKey?: string;
}

/**
 * A query filter built from the policy, for stores and for search and questions: every item (except
 * those whose parties include a withheld agency), only items one of `parties` is a party to, or none.
 * A person's own submissions are allowed besides, whatever the filter says.
 */
export type ItemFilter = { kind: 'all'; withheld: readonly string[] } | { kind: 'parties'; parties: readonly string[] } | { kind: 'none' };

export const personKey = (person: Pick<Person, 'channel' | 'userId'>) => `${person.channel}:${person.userId}`;

/**
 * The one visibility policy (config/visibility.yaml): role × agency kind × item kind × action → scope.
 * Every view, list, count, export, search and question asks it, so none reaches past another.
 * The discipline commission's clues are withheld outside it (DOMAIN.md "Confidentiality").
 */
export class Visibility {
  constructor(
    private readonly matrix: VisibilityConfig,
    private readonly org: VisibilityOrganization,
  ) {}

  /** The widest scope any of the person's roles gives them (none for an agency no longer configured). */
  scope(person: Pick<Person, 'agency' | 'roles'>, kind: ItemKind, action: VisibilityAction): Scope {
    const agencyKind = this.org.kindOf(person.agency);
    if (!agencyKind) return 'none';
    let widest: Scope = 'none';
    for (const role of person.roles) {
      const entry = this.matrix[agencyKind]?.[role]?.[kind];
      const scope = typeof entry === 'string' ? entry : entry ? (entry[action] ?? entry.view) : 'none';
      if (scope === 'county' || (scope === 'own' && widest === 'none')) widest = scope;
    }
    return widest;
  }

  /** Whether the person may see this item for this action. */
  canSee(person: Person, kind: ItemKind, action: VisibilityAction, item: VisibleItem): boolean {
    if (item.submitterKey !== undefined && item.submitterKey === personKey(person)) return true;
    const filter = this.filter(person, kind, action);
    if (filter.kind === 'none') return false;
    if (filter.kind === 'parties') return item.parties.some((p) => filter.parties.includes(p));
    return !item.parties.some((p) => filter.withheld.includes(p));
  }

  /** The query filter for what the person may see of a kind (their own submissions aside). */
  filter(person: Person, kind: ItemKind, action: VisibilityAction): ItemFilter {
    const scope = this.scope(person, kind, action);
    if (scope === 'none') return { kind: 'none' };
    if (scope === 'own') return { kind: 'parties', parties: [person.agency] };
    return { kind: 'all', withheld: this.withheld(person, kind) };
  }

  /** Whether the person may have the county's figures of every kind (概况, 逾期, 简报, 趋势, 定期通报). */
  countsCounty(person: Pick<Person, 'agency' | 'roles'>): boolean {
    return (['clue', 'document', 'meeting', 'inspection'] as const).every((kind) => this.scope(person, kind, 'count') === 'county');
  }

  /** Agencies whose items of this kind the person sees only when a party: the discipline commission's clues, outside it. */
  private withheld(person: Pick<Person, 'agency'>, kind: ItemKind): string[] {
    const { discipline } = this.org;
    return kind === 'clue' && person.agency !== discipline ? [discipline] : [];
  }
}
