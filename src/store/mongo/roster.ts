import { randomUUID } from 'node:crypto';
import type { Person } from '../../kernel/people';
import type { RosterStore } from '../roster';
import { PersonModel } from './models/person';
import { RosterStampModel } from './models/roster-stamp';

const STAMP_ID = 'roster';

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
    await this.restamp();
    return { inserted: result.upsertedCount, updated: result.matchedCount };
  }

  async remove(people: readonly Pick<Person, 'channel' | 'userId'>[], mode: 'these' | 'allBut' = 'these'): Promise<number> {
    const keys = new Set(people.map((p) => `${p.channel}:${p.userId}`));
    const all = await PersonModel.find({}, { _id: 1, channel: 1, userId: 1 }).lean();
    const doomed = all.filter((p) => keys.has(`${p.channel}:${p.userId}`) === (mode === 'these')).map((p) => p._id);
    if (doomed.length === 0) return 0;
    const { deletedCount } = await PersonModel.deleteMany({ _id: { $in: doomed } });
    await this.restamp();
    return deletedCount;
  }

  async stamp(): Promise<string> {
    return (await RosterStampModel.findById(STAMP_ID).lean())?.stamp ?? '';
  }

  private async restamp(): Promise<void> {
    await RosterStampModel.updateOne({ _id: STAMP_ID }, { $set: { stamp: randomUUID() } }, { upsert: true });
  }

  async isEmpty(): Promise<boolean> {
    return (await PersonModel.estimatedDocumentCount()) === 0;
  }
}
