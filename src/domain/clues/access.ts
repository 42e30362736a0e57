import type { ClueRoute } from '../../config/routing';
import type { Person } from '../../kernel/people';
import type { Organization } from '../organization';
import type { Scope } from '../visibility/visibility';

/** Who is asking, with what the configuration allows them (see clueViewer). */
export interface ClueViewer {
  /** One key per (channel, userId). */
  personKey: string;
  agency: string;
  /** May 受理, 办结 and 转办 clues of their own agency. */
  mayHandle: boolean;
  /**
   * Their clue view scope (config/visibility.yaml): county sees the status line of other agencies' clues
   * (never of the confidential route's); own sees their agency's; none only what they submitted.
   */
  scope: Scope;
  /** The discipline commission's route: its clues are seen outside it by their submitter alone. */
  confidentialRoute: string;
}

/** The parts of a clue the rules look at. */
export interface ClueAccessFacts {
  route: ClueRoute;
  submitterKey: string;
  anonymous: boolean;
}

/**
 * details: facts and evidence (and the reporter when `reporter`);
 * status: number, route, category, status and dates only; refused: nothing at all.
 */
export type ClueView = { level: 'details'; reporter: boolean } | { level: 'status' } | { level: 'refused' };

/** The one answer for a clue that is missing or not the viewer's to see, so the two cannot be told apart. */
export const CLUE_NOT_AVAILABLE = '没有可查看的该编号线索。请核对编号后重试，或发“我的线索”“待办”查看您可办理的线索。';

export function clueViewer(org: Organization, person: Pick<Person, 'agency' | 'roles'>, personKey: string): ClueViewer {
  return {
    personKey,
    agency: person.agency,
    mayHandle: org.may(person, 'handleClues'),
    scope: org.visibility.scope(person, 'clue', 'view'),
    confidentialRoute: org.part('discipline'),
  };
}

export function decideClueView(viewer: ClueViewer, clue: ClueAccessFacts | null): ClueView {
  if (!clue) return { level: 'refused' };
  if (clue.submitterKey === viewer.personKey) return { level: 'details', reporter: true };
  if (viewer.scope !== 'none' && clue.route === viewer.agency) return { level: 'details', reporter: !clue.anonymous };
  if (viewer.scope === 'county' && clue.route !== viewer.confidentialRoute) return { level: 'status' };
  return { level: 'refused' };
}

/** 受理, 办结 and 转办 are for members of the receiving agency. */
export function mayHandleClue(viewer: ClueViewer, clue: ClueAccessFacts | null): boolean {
  return !!clue && clue.route === viewer.agency && viewer.mayHandle;
}
