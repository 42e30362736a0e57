import type { mongo } from 'mongoose';
import { mapAtOnce } from '../../kernel/at-once';
import { localDateOf } from '../../kernel/time/local-time';
import { isDuplicateKey } from './claims';
import { AgendaDayModel, AgendaEntryModel, type AgendaEntryDoc } from './models/agenda';

const REBUILD_BATCH = 5_000;
/** Records of a due day read at once, each by its number. */
const READ_CONCURRENCY = 16;

/** When a record is next due in each of its lists (absent: not due in that list). */
export type AgendaTimes<L extends string> = Partial<Record<L, Date>>;

/** How a register takes part in the agenda: its lists, when a record is due in each, how records are read. */
export interface AgendaRegister<T, L extends string> {
  /** Prefix of the lists' names, e.g. `document` → `document.remind`. */
  name: string;
  lists: readonly L[];
  times(record: T): AgendaTimes<L>;
  numberOf(record: T): string;
  /** The record with this number (an equality read: FerretDB 1.x serves `{number}` from an index, never `$in`). */
  read(number: string): Promise<T | null>;
  /** Every record that may be due somewhere, for a rebuild. */
  all(): AsyncIterable<T>;
}

function dayOf(at: Date): string {
  return localDateOf(at);
}

function entryOf(list: string, number: string, at: Date): AgendaEntryDoc {
  return { _id: `${list}:${number}:${at.getTime()}`, list, number, day: dayOf(at), at };
}

async function insertIgnoringDuplicates(collection: mongo.Collection, docs: object[]): Promise<void> {
  if (docs.length === 0) return;
  try {
    await collection.insertMany(docs as mongo.OptionalId<mongo.Document>[], { ordered: false });
  } catch (err) {
    const writeErrors = (err as { writeErrors?: { code?: number }[] }).writeErrors;
    if (!(isDuplicateKey(err) || writeErrors?.every((e) => e.code === 11000))) throw err;
  }
}

/**
 * What is due when, kept beside a register's records so a tick reads only the days that are due
 * (equality on the day: no range index needed, which FerretDB 1.x lacks) instead of every record.
 * The records stay the truth: an entry only says "look at this record on this day". A day marker
 * (`agenda_days`) lists the days that may hold entries, so a tick after downtime still finds every
 * past day. Rebuilt from the records by `npm run cli -- agenda rebuild`.
 */
export class Agenda<T, L extends string> {
  private built: Promise<void> | undefined;

  constructor(private readonly register: AgendaRegister<T, L>) {}

  /** Marks the agenda as filed for every record (a database from before the agenda is rebuilt once, on its first read). */
  private get builtId(): string {
    return `${this.register.name}:built`;
  }

  private ensureBuilt(): Promise<void> {
    this.built ??= (async () => {
      if (!(await AgendaDayModel.exists({ _id: this.builtId }))) await this.rebuild();
    })().catch((err) => {
      this.built = undefined;
      throw err;
    });
    return this.built;
  }

  /** Records the agenda as complete (after a rebuild, or a bulk load that filed its records itself). */
  async markBuilt(): Promise<void> {
    await insertIgnoringDuplicates(AgendaDayModel.collection as unknown as mongo.Collection, [
      { _id: this.builtId, list: `${this.register.name}.built`, day: '' },
    ]);
  }

  private list(list: L): string {
    return `${this.register.name}.${list}`;
  }

  private entries(record: T): AgendaEntryDoc[] {
    const times = this.register.times(record);
    const number = this.register.numberOf(record);
    return this.register.lists.flatMap((list) => {
      const at = times[list];
      return at ? [entryOf(this.list(list), number, at)] : [];
    });
  }

  private async insert(entries: AgendaEntryDoc[]): Promise<void> {
    await insertIgnoringDuplicates(AgendaEntryModel.collection as unknown as mongo.Collection, entries);
    const days = new Map(entries.map((e) => [`${e.list}:${e.day}`, { _id: `${e.list}:${e.day}`, list: e.list, day: e.day }]));
    await insertIgnoringDuplicates(AgendaDayModel.collection as unknown as mongo.Collection, [...days.values()]);
  }

  /** Before records are written: files the instants they will be due at. */
  async file(...records: T[]): Promise<void> {
    await this.insert(records.flatMap((record) => this.entries(record)));
  }

  /** After a record was written: drops its entries that no longer match it. */
  async prune(record: T): Promise<void> {
    const keep = this.entries(record).map((e) => e._id);
    const lists = this.register.lists.map((list) => this.list(list));
    await AgendaEntryModel.deleteMany({ number: this.register.numberOf(record), list: { $in: lists }, _id: { $nin: keep } });
  }

  /**
   * The records due in `list` by `until`, earliest first, at most `limit`: reads the marked days up to
   * `until`'s day, then the records those entries name. Entries that no longer match their record are
   * dropped on the way, and a past day left empty loses its marker.
   */
  async due(list: L, until: Date, limit: number): Promise<T[]> {
    await this.ensureBuilt();
    const name = this.list(list);
    const lastDay = dayOf(until);
    const days = (await AgendaDayModel.find({ list: name }).lean())
      .map((d) => d.day)
      .filter((day) => day <= lastDay)
      .sort();
    const found: { at: Date; record: T }[] = [];
    for (const day of days) {
      const entries = await AgendaEntryModel.find({ list: name, day }).lean<AgendaEntryDoc[]>();
      const ready = entries.filter((e) => e.at <= until);
      const records = new Map((await this.readAll(ready.map((e) => e.number))).map((r) => [this.register.numberOf(r), r]));
      const stale: string[] = [];
      for (const entry of ready) {
        const record = records.get(entry.number);
        const at = record && this.register.times(record)[list];
        if (!record || !at || at.getTime() !== entry.at.getTime()) stale.push(entry._id);
        else found.push({ at, record });
      }
      if (stale.length) await AgendaEntryModel.deleteMany({ _id: { $in: stale } });
      if (entries.length === stale.length && day < lastDay) await this.dropDay(name, day);
      if (found.length >= limit) break;
    }
    // The same record may be due under two past instants (a stale entry that still matches cannot exist: one instant per list).
    return found
      .sort((a, b) => a.at.getTime() - b.at.getTime())
      .slice(0, limit)
      .map((f) => f.record);
  }

  /** One read per record, READ_CONCURRENCY at a time: each costs the same however large the register grows. */
  private async readAll(numbers: string[]): Promise<T[]> {
    const records = await mapAtOnce([...new Set(numbers)], READ_CONCURRENCY, (number) => this.register.read(number));
    return records.filter((record): record is T => record !== null);
  }

  /** Drops an empty day's marker; an entry filed meanwhile puts it back (its writer inserts the marker after the entry). */
  private async dropDay(list: string, day: string): Promise<void> {
    await AgendaDayModel.deleteOne({ _id: `${list}:${day}` });
    if (await AgendaEntryModel.exists({ list, day })) await this.insertDay(list, day);
  }

  private async insertDay(list: string, day: string): Promise<void> {
    await insertIgnoringDuplicates(AgendaDayModel.collection as unknown as mongo.Collection, [{ _id: `${list}:${day}`, list, day }]);
  }

  /** Drops this register's agenda and files it again from every record; returns how many entries it holds. */
  async rebuild(): Promise<number> {
    const lists = this.register.lists.map((list) => this.list(list));
    // One equality per list: FerretDB 1.x pushes `{list}` down to an index, `$in` not.
    for (const list of lists) await AgendaEntryModel.deleteMany({ list });
    for (const list of [...lists, `${this.register.name}.built`]) await AgendaDayModel.deleteMany({ list });
    let batch: AgendaEntryDoc[] = [];
    let filed = 0;
    for await (const record of this.register.all()) {
      batch.push(...this.entries(record));
      if (batch.length >= REBUILD_BATCH) {
        await this.insert(batch);
        filed += batch.length;
        batch = [];
      }
    }
    await this.insert(batch);
    await this.markBuilt();
    return filed + batch.length;
  }

  /** The entries as stored, sorted: what a rebuild is compared against. */
  async snapshot(): Promise<{ entries: AgendaEntryDoc[]; days: string[] }> {
    const lists = this.register.lists.map((list) => this.list(list));
    const entries = await AgendaEntryModel.find({ list: { $in: lists } }).lean<AgendaEntryDoc[]>();
    const days = (await AgendaDayModel.find({ list: { $in: lists } }).lean()).map((d) => d._id);
    return { entries: entries.sort((a, b) => a._id.localeCompare(b._id)), days: days.sort() };
  }
}
