import type { Person } from '../kernel/people';

/** The roster, one person per (channel, userId). */
export interface RosterStore {
  all(): Promise<Person[]>;
  /** Upserts every person by (channel, userId), in order: re-importing updates, never duplicates. */
  upsert(people: readonly Person[]): Promise<{ inserted: number; updated: number }>;
  /** Removes the given people (by channel and userId), or with `allBut` everyone not among them; returns how many. */
  remove(people: readonly Pick<Person, 'channel' | 'userId'>[], mode?: 'these' | 'allBut'): Promise<number>;
  /** Changes with every upsert and removal (by any process): a reader holding an older stamp reloads. */
  stamp(): Promise<string>;
  isEmpty(): Promise<boolean>;
}
