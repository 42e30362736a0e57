import type { ChannelName } from '../../kernel/messages';
import type { Person, Role } from '../../kernel/people';
import type { RosterStore } from '../../store/roster';

const SNAPSHOT_MS = 10_000;

interface Snapshot {
  byKey: Map<string, Person>;
  people: Person[];
  loadedAt: number;
  /** The store's stamp read before the people were: a change after it shows as another stamp. */
  stamp: string;
}

const keyOf = (channel: string, userId: string) => `${channel}:${userId}`;
const byChannelThenUser = (a: Person, b: Person) => a.channel.localeCompare(b.channel) || a.userId.localeCompare(b.userId);
const byAgencyThenUser = (a: Person, b: Person) => a.agency.localeCompare(b.agency) || a.userId.localeCompare(b.userId);

/**
 * Who is who. The whole roster is held in memory: every inbound message needs
 * its sender and every notification its recipients, and FerretDB 1.x answers
 * any filter other than an exact _id by reading the whole collection. Each use
 * reads the store's stamp (one lookup by _id) and reloads when it changed, so a
 * removal or import by another process (the CLI) holds from the next message on;
 * the snapshot is also reloaded every 10 s.
 */
export class RosterService {
  private snapshot: Snapshot | undefined;
  private loading: Promise<Snapshot> | undefined;
  private loadingStamp: string | undefined;
  /** Bumped by import: a reload that started before it must not be kept. */
  private generation = 0;

  constructor(private readonly store: RosterStore) {}

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
  async import(people: readonly Person[]): Promise<{ inserted: number; updated: number }> {
    const counts = await this.store.upsert(people);
    this.generation++;
    this.snapshot = undefined;
    this.loading = undefined;
    return counts;
  }

  /** Removes people; with `allBut`, everyone not among them (`roster import --replace`). Holds from the next message on. */
  async remove(people: readonly Pick<Person, 'channel' | 'userId'>[], mode: 'these' | 'allBut' = 'these'): Promise<number> {
    const removed = await this.store.remove(people, mode);
    this.generation++;
    this.snapshot = undefined;
    this.loading = undefined;
    return removed;
  }

  /** Nobody registered yet (a fresh installation). */
  isEmpty(): Promise<boolean> {
    return this.store.isEmpty();
  }

  /** The snapshot, reloading it when stale; concurrent callers share one reload. */
  private async current(): Promise<Snapshot> {
    const stamp = await this.store.stamp();
    if (this.snapshot && this.snapshot.stamp === stamp && performance.now() - this.snapshot.loadedAt < SNAPSHOT_MS) return this.snapshot;
    if (!this.loading || this.loadingStamp !== stamp) {
      this.loadingStamp = stamp;
      const loading = this.load(stamp).finally(() => {
        if (this.loading === loading) this.loading = undefined;
      });
      this.loading = loading;
    }
    return this.loading;
  }

  private async load(stamp: string): Promise<Snapshot> {
    const generation = this.generation;
    const loadedAt = performance.now();
    const people = await this.store.all();
    const snapshot = { byKey: new Map(people.map((p) => [keyOf(p.channel, p.userId), p])), people, loadedAt, stamp };
    if (generation === this.generation) this.snapshot = snapshot;
    return snapshot;
  }
}
