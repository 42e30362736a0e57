import type { AppConfig } from '../../config';
import type { Person } from '../../kernel/people';

export interface RosterListing {
  agencies: {
    code: string;
    name: string;
    people: { userId: string; name: string; roles: string[]; roleNames: string[] }[];
  }[];
}

/** Console users grouped by agency, agencies in config order, each person with role names for the picker. */
export function listConsoleRoster(people: readonly Person[], config: Pick<AppConfig, 'agencies' | 'roles'>): RosterListing {
  const roleName = new Map(config.roles.map((r) => [r.code as string, r.name]));
  const consolePeople = people.filter((p) => p.channel === 'console');
  return {
    agencies: config.agencies
      .map((agency) => ({
        code: agency.code,
        name: agency.name,
        people: consolePeople
          .filter((p) => p.agency === agency.code)
          .sort((a, b) => a.userId.localeCompare(b.userId))
          .map((p) => ({ userId: p.userId, name: p.name, roles: p.roles, roleNames: p.roles.map((r) => roleName.get(r) ?? r) })),
      }))
      .filter((agency) => agency.people.length > 0),
  };
}
