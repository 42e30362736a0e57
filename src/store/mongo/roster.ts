import type { Person } from '../../kernel/people';
import type { RosterStore } from '../roster';
import { PersonModel } from './models/person';

const FIELDS = { _id: 0, channel: 1, userId: 1, name: 1, agency: 1, roles: 1 } as const;

export class MongoRosterStore implements RosterStore {
  all(): Promise<Person[]> {
    return PersonModel.find({}, FIELDS).lean<Person[]>();
  }

  async upsert(people: readonly Person[]): Promise<{ inserted: number; updated: number }> {
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
    return { inserted: result.upsertedCount, updated: result.matchedCount };
  }

  async isEmpty(): Promise<boolean> {
    return (await PersonModel.estimatedDocumentCount()) === 0;
  }
}
