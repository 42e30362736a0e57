import { describe, expect, it } from 'vitest';
import type { Role } from '../../../../src/kernel/people';
import type { ClueRoute } from '../../../../src/config/routing';
import { loadConfig } from '../../../../src/config';
import { clueViewer, decideClueView, mayHandleClue, type ClueView } from '../../../../src/domain/clues/access';
import { Organization } from '../../../../src/domain/organization';

const ROLES: Role[] = ['officer', 'organizer', 'leader', 'admin'];
const AGENCIES = ['jw', 'jcy', 'sfj', 'nyncj'];
const ROUTES: ClueRoute[] = ['jw', 'jcy', 'sfj'];

const org = new Organization(loadConfig({ NODE_ENV: 'test' }));
const viewer = (agency: string, role: Role, personKey = `console:${agency}-${role}`) => clueViewer(org, { agency, roles: [role] }, personKey);
const clue = (route: ClueRoute, anonymous: boolean) => ({ route, anonymous, submitterKey: 'console:nyncj-submitter' });

/** The rules of DOMAIN.md "Confidentiality", issue 5 point 5 and issue 22 item 4, written out case by case. */
function expected(agency: string, role: Role, route: ClueRoute, anonymous: boolean): ClueView {
  if (agency === route) return { level: 'details', reporter: !anonymous };
  // Enforcement units see only their own items, so no status line of other agencies' clues.
  if (role === 'leader' && route !== 'jw' && agency !== 'nyncj') return { level: 'status' };
  return { level: 'refused' };
}

describe('clue permission matrix', () => {
  for (const route of ROUTES)
    for (const anonymous of [false, true])
      for (const agency of AGENCIES)
        for (const role of ROLES) {
          const v = viewer(agency, role);
          const c = clue(route, anonymous);
          it(`${role}@${agency} viewing a ${anonymous ? 'anonymous ' : ''}clue routed to ${route}`, () => {
            expect(decideClueView(v, c)).toEqual(expected(agency, role, route, anonymous));
            expect(mayHandleClue(v, c)).toBe(agency === route && role !== 'admin');
          });
        }

  it('always shows the submitter their own clue, reporter included, wherever it went', () => {
    for (const route of ROUTES)
      for (const anonymous of [false, true])
        expect(decideClueView(viewer('nyncj', 'officer', 'console:nyncj-submitter'), clue(route, anonymous))).toEqual({
          level: 'details',
          reporter: true,
        });
  });

  it('does not let the submitter handle a clue outside their agency', () => {
    expect(mayHandleClue(viewer('nyncj', 'officer', 'console:nyncj-submitter'), clue('jcy', false))).toBe(false);
  });

  it('refuses a missing clue exactly as it refuses a forbidden one', () => {
    const outsider = viewer('sfj', 'leader');
    expect(decideClueView(outsider, null)).toEqual(decideClueView(outsider, clue('jw', false)));
    expect(mayHandleClue(outsider, null)).toBe(false);
  });
});
