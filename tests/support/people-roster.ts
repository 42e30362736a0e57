import { readFileSync } from 'node:fs';
import type { AppConfig } from '../../src/config';
import { parseRosterCsv } from '../../src/domain/roster/roster-csv';
import type { RosterService } from '../../src/domain/roster/roster-service';
import type { ChannelName } from '../../src/kernel/messages';
import type { Person, Role } from '../../src/kernel/people';

/** The roster as the domain services read it, from a list of people: for unit tests without a database. */
export class PeopleRoster implements Pick<RosterService, 'find' | 'members' | 'withRole' | 'all'> {
  constructor(readonly people: readonly Person[]) {}

  /** config/roster.example.csv: the people of the console examples. */
  static example(config: Pick<AppConfig, 'agencies'>): PeopleRoster {
    return new PeopleRoster(parseRosterCsv(readFileSync('config/roster.example.csv', 'utf8'), new Set(config.agencies.map((a) => a.code))));
  }

  async find(channel: ChannelName, userId: string): Promise<Person | null> {
    return this.people.find((p) => p.channel === channel && p.userId === userId) ?? null;
  }

  async members(agency: string, roles: readonly Role[] = []): Promise<Person[]> {
    return this.people.filter((p) => p.agency === agency && (roles.length === 0 || p.roles.some((r) => roles.includes(r))));
  }

  async withRole(role: Role): Promise<Person[]> {
    return this.people.filter((p) => p.roles.includes(role));
  }

  async all(): Promise<Person[]> {
    return [...this.people];
  }

  /** A person of the roster by userId (console channel). */
  get(userId: string): Person {
    const person = this.people.find((p) => p.userId === userId);
    if (!person) throw new Error(`no ${userId} on the roster`);
    return person;
  }
}
