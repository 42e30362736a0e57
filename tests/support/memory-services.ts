import { loadConfig } from '../../src/config';
import { createServices } from '../../src/domain/services';
import { FixedClock } from '../../src/kernel/clock';
import { createLogger } from '../../src/kernel/logger';
import type { DownloadMedia } from '../../src/kernel/media';
import type { Person } from '../../src/kernel/people';
import { examplePeople } from './example-roster';
import { createMemoryStores, type MemoryStores } from './memory';

export interface MemoryServicesOptions {
  now?: Date;
  clock?: FixedClock;
  /** Another configuration folder (e.g. a copy with an extra document kind). */
  configDir?: string;
  stores?: MemoryStores;
  /** Who is on the roster; config/roster.example.csv unless given. */
  people?: Person[];
  onEnqueued?: () => void;
  /** Fetches inbound media (the platform's media API); none unless given. */
  downloadMedia?: DownloadMedia;
}

/**
 * The real domain services (createServices) on memory stores, the shipped configuration (or another
 * folder) and the example roster: what unit tests of services and bots need, without a database.
 */
export function memoryServices(options: MemoryServicesOptions = {}) {
  const config = loadConfig({ CONFIG_DIR: options.configDir ?? 'config', NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const clock = options.clock ?? new FixedClock(options.now ?? new Date('2026-11-26T02:00:00Z'));
  const stores = options.stores ?? createMemoryStores();
  const people = options.people ?? examplePeople();
  stores.roster.seed(people);
  const services = createServices(config, clock, createLogger('silent'), stores, options.onEnqueued ?? (() => {}), options.downloadMedia);

  /** A person of the roster by userId. */
  const who = (userId: string): Person => {
    const person = people.find((p) => p.userId === userId);
    if (!person) throw new Error(`no ${userId} on the roster`);
    return person;
  };
  /** Texts the outbox holds for a user, oldest first, that contain `marker`. */
  const pushed = (userId: string, marker = ''): string[] =>
    [...stores.outbox.rows.values()].filter((row) => row.userId === userId && row.message.text.includes(marker)).map((row) => row.message.text);

  return { ...services, kinds: services.documents.kinds, clock, stores, people, who, pushed };
}

export type MemoryServices = ReturnType<typeof memoryServices>;
