import type { Person } from '../kernel/people';

/** The roster, one person per (channel, userId). */
export interface RosterStore {
  all(): Promise<Person[]>;
  /** Upserts every person by (channel, userId), in order: re-importing updates, never duplicates. */
  upsert(people: readonly Person[]): Promise<{ inserted: number; updated: number }>;
  isEmpty(): Promise<boolean>;
}
