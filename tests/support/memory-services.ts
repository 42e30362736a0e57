import { readFileSync } from 'node:fs';
import { loadConfig } from '../../src/config';
import { parseRosterCsv } from '../../src/domain/roster/roster-csv';
import { createServices, type Services } from '../../src/domain/services';
import type { Clock } from '../../src/kernel/clock';
import { createLogger } from '../../src/kernel/logger';
import type { Person } from '../../src/kernel/people';
import type { MemoryStores } from './memory';

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });

/** config/roster.example.csv: three officers, organizers and leaders of jw, jcy and sfj, two liaisons and an admin. */
export const EXAMPLE_ROSTER: Person[] = parseRosterCsv(readFileSync('config/roster.example.csv', 'utf8'), new Set(config.agencies.map((a) => a.code)));

/** The real domain services (createServices) on memory stores with `people` on the roster, for unit tests of services and bots. */
export function memoryServices(stores: MemoryStores, clock: Clock, people: Person[] = EXAMPLE_ROSTER, onEnqueued: () => void = () => {}): Services {
  stores.roster.seed(people);
  return createServices(config, clock, createLogger('silent'), stores, onEnqueued);
}
