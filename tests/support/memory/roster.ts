import type { Person } from '../../../src/kernel/people';
import type { RosterStore } from '../../../src/store/roster';

/** The roster in a Map by `<channel>:<userId>` (unique, as in the collection): for unit tests only. */
export class MemoryRosterStore implements RosterStore {
  readonly people = new Map<string, Person>();

  async all(): Promise<Person[]> {
    return [...this.people.values()].map((p) => structuredClone(p));
  }

  async upsert(people: readonly Person[]): Promise<{ inserted: number; updated: number }> {
    let inserted = 0;
    let updated = 0;
    for (const person of people) {
      const key = `${person.channel}:${person.userId}`;
      if (this.people.has(key)) updated++;
      else inserted++;
      this.people.set(key, structuredClone(person));
    }
    return { inserted, updated };
  }

  async isEmpty(): Promise<boolean> {
    return this.people.size === 0;
  }
}
