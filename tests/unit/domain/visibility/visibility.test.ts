import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../src/config';
import { ITEM_KINDS, SCOPES, VISIBILITY_ACTIONS, visibilitySchema } from '../../../../src/config/visibility';
import { Organization } from '../../../../src/domain/organization';
import { ROLES, type Person } from '../../../../src/kernel/people';

const org = new Organization(loadConfig({ NODE_ENV: 'test' }));
const { visibility } = org;
const someone = (agency: string, role: Person['roles'][number]): Person => ({
  channel: 'console',
  userId: `${agency}-${role}`,
  agency,
  roles: [role],
  name: '某人',
});
const AGENCY_OF_KIND = { supervisor: 'jcy', government: 'zf', enforcement: 'nyncj' } as const;
const rank = (scope: string) => SCOPES.indexOf(scope as (typeof SCOPES)[number]);

describe('the visibility matrix (config/visibility.yaml)', () => {
  for (const [kind, agency] of Object.entries(AGENCY_OF_KIND))
    for (const role of ROLES)
      for (const item of ITEM_KINDS)
        it(`${role} of a ${kind} agency, ${item}: no action reaches past view; enforcement units never county-wide`, () => {
          const person = someone(agency, role);
          const view = visibility.scope(person, item, 'view');
          for (const action of VISIBILITY_ACTIONS) {
            const scope = visibility.scope(person, item, action);
            if (action !== 'count') expect(rank(scope), action).toBeLessThanOrEqual(rank(view));
            if (kind === 'enforcement') expect(scope).not.toBe('county');
          }
        });

  it('gives the county figures to supervisors and government leaders, nobody else', () => {
    expect(visibility.countsCounty(someone('jw', 'organizer'))).toBe(true);
    expect(visibility.countsCounty(someone('sfj', 'leader'))).toBe(true);
    expect(visibility.countsCounty(someone('zf', 'leader'))).toBe(true);
    expect(visibility.countsCounty(someone('zf', 'organizer'))).toBe(false);
    expect(visibility.countsCounty(someone('nyncj', 'organizer'))).toBe(false);
    expect(visibility.countsCounty(someone('nyncj', 'leader'))).toBe(false);
  });

  it('builds query filters: own items for a unit, all but jw clues for a county scope outside jw, none for none', () => {
    expect(visibility.filter(someone('nyncj', 'organizer'), 'document', 'search')).toEqual({ kind: 'parties', parties: ['nyncj'] });
    expect(visibility.filter(someone('jcy', 'leader'), 'clue', 'question')).toEqual({ kind: 'all', withheld: ['jw'] });
    expect(visibility.filter(someone('jw', 'leader'), 'clue', 'list')).toEqual({ kind: 'all', withheld: [] });
    expect(visibility.filter(someone('nyncj', 'admin'), 'clue', 'view')).toEqual({ kind: 'none' });
    expect(visibility.canSee(someone('jcy', 'leader'), 'clue', 'view', { parties: ['jw'] })).toBe(false);
    expect(visibility.canSee(someone('jcy', 'leader'), 'clue', 'view', { parties: ['jw'], submitterKey: 'console:jcy-leader' })).toBe(true);
  });

  it('refuses a matrix whose export reaches past view', () => {
    const raw = { ...loadConfig({ NODE_ENV: 'test' }).visibility } as Record<string, Record<string, Record<string, unknown>>>;
    const bad = { ...raw, enforcement: { ...raw.enforcement, organizer: { ...raw.enforcement!.organizer, clue: { view: 'own', export: 'county' } } } };
    expect(visibilitySchema.safeParse(bad).success).toBe(false);
  });
});
