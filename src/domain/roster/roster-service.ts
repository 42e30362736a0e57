import type { Clock } from '../../clock';
import type { Role } from '../../config/roles';
import type { ChannelName } from '../../conversation/messages';
import { PersonModel, type Person } from '../../store/models/person';

const CACHE_MS = 10_000;

/**
 * Who is who. Lookups are cached briefly per process: the roster changes by
 * import, rarely, and every inbound message needs its sender.
 */
export class RosterService {
  private cache = new Map<string, { person: Person | null; until: number }>();

  constructor(private readonly clock: Clock) {}

  async find(channel: ChannelName, userId: string): Promise<Person | null> {
    const key = `${channel}:${userId}`;
    const now = this.clock.now().getTime();
    const hit = this.cache.get(key);
    if (hit && hit.until > now) return hit.person;
    const person = await PersonModel.findOne({ channel, userId }, { _id: 0, channel: 1, userId: 1, name: 1, agency: 1, roles: 1 }).lean<Person>();
    this.cache.set(key, { person, until: now + CACHE_MS });
    return person;
  }

  /** Members of an agency holding any of the roles (all members when roles is empty). */
  async members(agency: string, roles: readonly Role[] = []): Promise<Person[]> {
    const filter = roles.length ? { agency, roles: { $in: [...roles] } } : { agency };
    return PersonModel.find(filter, { _id: 0, channel: 1, userId: 1, name: 1, agency: 1, roles: 1 })
      .sort({ channel: 1, userId: 1 })
      .lean<Person[]>();
  }

  async withRole(role: Role): Promise<Person[]> {
    return PersonModel.find({ roles: role }, { _id: 0, channel: 1, userId: 1, name: 1, agency: 1, roles: 1 })
      .sort({ agency: 1, userId: 1 })
      .lean<Person[]>();
  }

  async all(): Promise<Person[]> {
    return PersonModel.find({}, { _id: 0, channel: 1, userId: 1, name: 1, agency: 1, roles: 1 })
      .sort({ agency: 1, userId: 1 })
      .lean<Person[]>();
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
    this.cache.clear();
    return { inserted: result.upsertedCount, updated: result.matchedCount };
  }
}
