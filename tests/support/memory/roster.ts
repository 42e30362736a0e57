import type { Person } from '../../../src/kernel/people';
import type { RosterStore } from '../../../src/store/roster';

const keyOf = (person: Person) => `${person.channel}:${person.userId}`;

/** The roster in a Map by `<channel>:<userId>` (unique, as in the collection): for unit tests only. */
export class MemoryRosterStore implements RosterStore {
  readonly people = new Map<string, Person>();
  private version = 0;

  /** A test's starting roster, there at once. */
  seed(people: readonly Person[]): void {
    for (const person of people) this.people.set(keyOf(person), structuredClone(person));
    this.version++;
  }

  async all(): Promise<Person[]> {
    return [...this.people.values()].map((p) => structuredClone(p));
  }

  async upsert(people: readonly Person[]): Promise<{ inserted: number; updated: number }> {
    let inserted = 0;
    let updated = 0;
    for (const person of people) {
      if (this.people.has(keyOf(person))) updated++;
      else inserted++;
      this.seed([person]);
    }
    return { inserted, updated };
  }

  async remove(people: readonly Pick<Person, 'channel' | 'userId'>[], mode: 'these' | 'allBut' = 'these'): Promise<number> {
    const keys = new Set(people.map((p) => `${p.channel}:${p.userId}`));
    const doomed = [...this.people.keys()].filter((key) => keys.has(key) === (mode === 'these'));
    for (const key of doomed) this.people.delete(key);
    this.version++;
    return doomed.length;
  }

  async stamp(): Promise<string> {
    return String(this.version);
  }

  async isEmpty(): Promise<boolean> {
    return this.people.size === 0;
  }
}
