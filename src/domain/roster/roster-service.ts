import type { Role } from '../../kernel/people';
import type { ChannelName } from '../../kernel/messages';
import { PersonModel } from '../../store/mongo/models/person';
import type { Person } from '../../kernel/people';

const SNAPSHOT_MS = 10_000;
const FIELDS = { _id: 0, channel: 1, userId: 1, name: 1, agency: 1, roles: 1 } as const;

interface Snapshot {
  byKey: Map<string, Person>;
  people: Person[];
  loadedAt: number;
}

const keyOf = (channel: string, userId: string) => `${channel}:${userId}`;
const byChannelThenUser = (a: Person, b: Person) => a.channel.localeCompare(b.channel) || a.userId.localeCompare(b.userId);
const byAgencyThenUser = (a: Person, b: Person) => a.agency.localeCompare(b.agency) || a.userId.localeCompare(b.userId);

/**
 * Who is who. The whole roster is held in memory, reloaded at most every 10 s
 * (at once after an import through this service): every inbound message needs
 * its sender and every notification its recipients, and FerretDB 1.x answers
 * any filter other than an exact _id by reading the whole collection.
 * A change made by another process (the CLI) shows within 10 s.
 */
export class RosterService {
  private snapshot: Snapshot | undefined;
  private loading: Promise<Snapshot> | undefined;
  /** Bumped by import: a reload that started before it must not be kept. */
  private generation = 0;

  async find(channel: ChannelName, userId: string): Promise<Person | null> {
    return (await this.current()).byKey.get(keyOf(channel, userId)) ?? null;
  }

  /** Members of an agency holding any of the roles (all members when roles is empty). */
  async members(agency: string, roles: readonly Role[] = []): Promise<Person[]> {
    const { people } = await this.current();
    return people.filter((p) => p.agency === agency && (roles.length === 0 || p.roles.some((r) => roles.includes(r)))).sort(byChannelThenUser);
  }

  async withRole(role: Role): Promise<Person[]> {
    return (await this.current()).people.filter((p) => p.roles.includes(role)).sort(byAgencyThenUser);
  }

  async all(): Promise<Person[]> {
    return [...(await this.current()).people].sort(byAgencyThenUser);
  }

  /** Upserts every person by (channel, userId): re-importing updates, never duplicates. */
  async import(people: Person[]): Promise<{ inserted: number; updated: number }> {
    if (people.length === 0) return { inserted: 0, updated: 0 };
    const result = await PersonModel.bulkWrite(
      people.map((p) => ({
        updateOne: {
          filter: { channel: p.channel, userId: p.userId },
          update: { $set: { name: p.name, agency: p.agency, roles: p.roles } },
          upsert: true,
        },
      })),
      { ordered: true },
    );
    this.generation++;
    this.snapshot = undefined;
    this.loading = undefined;
    return { inserted: result.upsertedCount, updated: result.matchedCount };
  }

  /** The snapshot, reloading it when stale; concurrent callers share one reload. */
  private async current(): Promise<Snapshot> {
    if (this.snapshot && performance.now() - this.snapshot.loadedAt < SNAPSHOT_MS) return this.snapshot;
    if (!this.loading) {
      const loading = this.load().finally(() => {
        if (this.loading === loading) this.loading = undefined;
      });
      this.loading = loading;
    }
    return this.loading;
  }

  private async load(): Promise<Snapshot> {
    const generation = this.generation;
    const loadedAt = performance.now();
    const people = await PersonModel.find({}, FIELDS).lean<Person[]>();
    const snapshot = { byKey: new Map(people.map((p) => [keyOf(p.channel, p.userId), p])), people, loadedAt };
    if (generation === this.generation) this.snapshot = snapshot;
    return snapshot;
  }
}
