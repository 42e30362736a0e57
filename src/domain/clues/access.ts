import type { ClueRoute } from '../../config/routing';
import type { Role } from '../../kernel/people';

/** Who is asking: a roster person, known by one key per (channel, userId). */
export interface ClueViewer {
  personKey: string;
  agency: string;
  roles: readonly Role[];
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

const HANDLER_ROLES: readonly Role[] = ['officer', 'organizer', 'leader'];

export function maySubmitClue(viewer: ClueViewer): boolean {
  return viewer.roles.includes('officer');
}

/** Leaders (and organizers, who prepare the figures for them) see counts and status of every agency. */
export function maySeeClueCounts(viewer: ClueViewer): boolean {
  return viewer.roles.includes('leader') || viewer.roles.includes('organizer');
}

export function decideClueView(viewer: ClueViewer, clue: ClueAccessFacts | null): ClueView {
  if (!clue) return { level: 'refused' };
  if (clue.submitterKey === viewer.personKey) return { level: 'details', reporter: true };
  if (clue.route === viewer.agency) return { level: 'details', reporter: !clue.anonymous };
  // A clue routed to jw is seen outside jw by its submitter alone, not even as a status line.
  if (viewer.roles.includes('leader') && clue.route !== 'jw') return { level: 'status' };
  return { level: 'refused' };
}

/** 受理, 办结 and 转办 are for members of the receiving agency. */
export function mayHandleClue(viewer: ClueViewer, clue: ClueAccessFacts | null): boolean {
  return !!clue && clue.route === viewer.agency && viewer.roles.some((role) => HANDLER_ROLES.includes(role));
}
