import { readFileSync } from 'node:fs';
import { loadConfig } from '../../src/config';
import type { RosterService } from '../../src/domain/roster/roster-service';
import { parseRosterCsv } from '../../src/domain/roster/roster-csv';
import { createServices, type Services } from '../../src/domain/services';
import type { Clock } from '../../src/kernel/clock';
import { createLogger } from '../../src/kernel/logger';
import type { Person } from '../../src/kernel/people';
import type { MemoryStores } from './memory';

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });

/** config/roster.example.csv: three officers, organizers and leaders of jw, jcy and sfj, two liaisons and an admin. */
export const EXAMPLE_ROSTER: Person[] = parseRosterCsv(readFileSync('config/roster.example.csv', 'utf8'), new Set(config.agencies.map((a) => a.code)));

/**
 * The real domain services (createServices) on memory stores, for unit tests of services and bots.
 * The roster service still reads the database until the roster has a store of its own: its
 * lookups answer from `people` here. Services that still use mongoose must not be called.
 */
export function memoryServices(stores: MemoryStores, clock: Clock, people: Person[] = EXAMPLE_ROSTER, onEnqueued: () => void = () => {}): Services {
  const services = createServices(config, clock, createLogger('silent'), stores, onEnqueued);
  answerFrom(services.roster, people);
  return services;
}

function answerFrom(roster: RosterService, people: Person[]): void {
  const byChannelThenUser = (a: Person, b: Person) => a.channel.localeCompare(b.channel) || a.userId.localeCompare(b.userId);
  Object.assign(roster, {
    find: async (channel: string, userId: string) => people.find((p) => p.channel === channel && p.userId === userId) ?? null,
    members: async (agency: string, roles: readonly string[] = []) =>
      people.filter((p) => p.agency === agency && (roles.length === 0 || p.roles.some((r) => roles.includes(r)))).sort(byChannelThenUser),
  } satisfies Pick<RosterService, 'find' | 'members'>);
}
