import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import { bucketOf, type Fact, factsOf, ROLLUP_REGISTERS, type RollupFacts, type RollupRegister, sumFacts } from '../rollup-facts';
import { ClueModel } from './models/clue';
import { DeadlineDocumentModel } from './models/deadline-document';
import { JointInspectionModel } from './models/joint-inspection';
import { MeetingModel } from './models/meeting';
import { RectificationItemModel } from './models/rectification-item';
import { type RollupDirtyDoc, RollupDirtyModel, type RollupDoc, RollupModel } from './models/rollup';
import { SelfInspectionModel } from './models/self-inspection';

/** A marker older than this belongs to a writer that died (or hangs): the repair that recomputes its month deletes it. */
export const STALE_MARKER_MS = 60_000;
const BUILT_ID = 'built';

type Row = Record<string, unknown>;

interface Source {
  model: Model<Row>;
  /** The records of one bucket month. */
  ofMonth(month: string): object;
  /** The field holding the bucket's date, to list every month on a rebuild. */
  dateField: string;
  bucket(record: Row): string;
  /** Records of this register are named by `number` (markers may name a record instead of a month). */
  numbered: boolean;
}

const days = (field: string) => (month: string) => ({ [field]: { $gte: `${month}-01`, $lte: `${month}-31` } });
const asModel = (model: unknown) => model as Model<Row>;

const SOURCES: Record<RollupRegister, Source> = {
  clue: { model: asModel(ClueModel), ofMonth: (month) => ({ month }), dateField: 'month', bucket: (r) => bucketOf.clue(r as never), numbered: true },
  document: {
    model: asModel(DeadlineDocumentModel),
    ofMonth: days('startDate'),
    dateField: 'startDate',
    bucket: (r) => bucketOf.document(r as never),
    numbered: true,
  },
  item: {
    model: asModel(RectificationItemModel),
    ofMonth: days('inspectionDate'),
    dateField: 'inspectionDate',
    bucket: (r) => bucketOf.item(r as never),
    numbered: true,
  },
  inspection: {
    model: asModel(JointInspectionModel),
    ofMonth: days('date'),
    dateField: 'date',
    bucket: (r) => bucketOf.inspection(r as never),
    numbered: true,
  },
  selfInspection: {
    model: asModel(SelfInspectionModel),
    ofMonth: (month) => ({ month }),
    dateField: 'month',
    bucket: (r) => bucketOf.selfInspection(r as never),
    numbered: false,
  },
  meeting: { model: asModel(MeetingModel), ofMonth: days('date'), dateField: 'date', bucket: (r) => bucketOf.meeting(r as never), numbered: true },
};

/** What a change touches: bucket months known before the write, and records named by number whose month is read. */
export interface RollupTouch {
  months?: readonly string[];
  numbers?: readonly string[];
}

/** One equality read per register, at once: FerretDB 1.x serves `{register}` from an index, `$in` by reading every rollup. */
async function byRegister<T>(registers: readonly RollupRegister[], read: (register: RollupRegister) => Promise<T[]>): Promise<T[]> {
  return (await Promise.all(registers.map(read))).flat();
}

let lastAt = 0;
/** Strictly increasing within the process, so two rollups of one month computed in the same millisecond still order. */
function stamp(): Date {
  lastAt = Math.max(Date.now(), lastAt + 1);
  return new Date(lastAt);
}

/**
 * Rollups of the registers the leaders' figures count (src/store/rollup-facts.ts), kept in step with every
 * change and recomputable from the records. A change inserts a dirty marker, writes its records, then
 * recomputes the whole bucket month from its records (no `$inc`: FerretDB 1.x has no atomic update) into
 * a new rollup document and deletes the marker. Reads repair first: a month with a marker (a writer that
 * crashed, or one still running) is recomputed before the figures are read. `npm run cli -- rollups rebuild`
 * recomputes every month.
 */
export class Rollups {
  private built: Promise<void> | undefined;
  /** Counts this process's recomputes: a read under way is shared only with callers that came after no new write. */
  private generation = 0;
  private readonly reading = new Map<RollupRegister, { generation: number; docs: Promise<RollupDoc[]> }>();

  /** Runs `write` (which changes records of `register`) with its rollups kept in step; `after` names what the write touched that was not known before. */
  async around<R>(register: RollupRegister, touch: RollupTouch, write: () => Promise<R>, after?: (result: R) => RollupTouch): Promise<R> {
    const at = new Date();
    const token = randomUUID();
    const markers: RollupDirtyDoc[] = [
      ...(touch.months ?? []).map((month) => ({ _id: `${register}:m:${month}:${token}`, register, month, at })),
      ...(touch.numbers ?? []).map((number) => ({ _id: `${register}:n:${number}:${token}`, register, number, at })),
    ];
    if (markers.length) await RollupDirtyModel.insertMany(markers);
    let result: R;
    try {
      result = await write();
    } catch (err) {
      // The write may have happened or not: the months are recomputed either way.
      await this.recompute(register, [...(touch.months ?? []), ...(await this.monthsOf(register, touch.numbers ?? []))]);
      if (markers.length) await RollupDirtyModel.deleteMany({ _id: { $in: markers.map((m) => m._id) } });
      throw err;
    }
    const months = new Set(touch.months ?? []);
    // `after` names the months of what was written (none when nothing was); else the numbered records are looked up.
    const resolved = after ? (after(result).months ?? []) : await this.monthsOf(register, touch.numbers ?? []);
    for (const month of resolved) months.add(month);
    await this.recompute(register, [...months]);
    if (markers.length) await RollupDirtyModel.deleteMany({ _id: { $in: markers.map((m) => m._id) } });
    return result;
  }

  private async monthsOf(register: RollupRegister, numbers: readonly string[]): Promise<string[]> {
    if (numbers.length === 0) return [];
    const source = SOURCES[register];
    const rows = await source.model.find({ number: { $in: numbers } }).lean<Row[]>();
    return [...new Set(rows.map((row) => source.bucket(row)))];
  }

  /** Recomputes the rollups of these months from their records; a month without records keeps an empty rollup. */
  async recompute(register: RollupRegister, months: readonly string[]): Promise<void> {
    // Before and after the writes: a read begun while they run is not shared with a caller that comes after them.
    this.generation++;
    try {
      await this.recomputeMonths(register, months);
    } finally {
      this.generation++;
    }
  }

  private async recomputeMonths(register: RollupRegister, months: readonly string[]): Promise<void> {
    const source = SOURCES[register];
    const count = factsOf[register] as (record: Row) => Fact[];
    for (const month of new Set(months)) {
      const at = stamp();
      const rows = await source.model.find(source.ofMonth(month)).lean<Row[]>();
      const facts = sumFacts(rows.filter((row) => source.bucket(row) === month).flatMap(count));
      await RollupModel.create({ _id: `${register}:${month}:${at.getTime()}:${randomUUID().slice(0, 8)}`, register, month, at, facts });
      await RollupModel.deleteMany({ register, month, at: { $lt: at } });
    }
  }

  /**
   * Recomputes what markers name (a crashed or running change): every marked month, and deletes the
   * markers older than `STALE_MARKER_MS` (a running writer deletes its own). Returns the months recomputed.
   */
  async repair(registers: readonly RollupRegister[] = ROLLUP_REGISTERS, now = new Date()): Promise<number> {
    const markers = await byRegister(registers, (register) => RollupDirtyModel.find({ register }).lean<RollupDirtyDoc[]>());
    if (markers.length === 0) return 0;
    let recomputed = 0;
    for (const register of registers) {
      const mine = markers.filter((m) => m.register === register);
      if (mine.length === 0) continue;
      const months = new Set(mine.flatMap((m) => (m.month ? [m.month] : [])));
      for (const month of await this.monthsOf(
        register,
        mine.flatMap((m) => (m.number ? [m.number] : [])),
      ))
        months.add(month);
      await this.recompute(register, [...months]);
      recomputed += months.size;
    }
    const stale = markers.filter((m) => now.getTime() - new Date(m.at).getTime() > STALE_MARKER_MS).map((m) => m._id);
    if (stale.length) await RollupDirtyModel.deleteMany({ _id: { $in: stale } });
    return recomputed;
  }

  /** Every register's facts of every month: the latest rollup of each month, after repairing marked months. */
  async read(registers: readonly RollupRegister[] = ROLLUP_REGISTERS): Promise<RollupFacts> {
    await this.ensureBuilt();
    const docs = await byRegister(registers, (register) => this.rollupsOf(register));
    const latest = new Map<string, RollupDoc>();
    for (const doc of docs) {
      const key = `${doc.register}:${doc.month}`;
      const seen = latest.get(key);
      if (!seen || new Date(seen.at) < new Date(doc.at)) latest.set(key, doc);
    }
    const facts = Object.fromEntries(ROLLUP_REGISTERS.map((r) => [r, [] as Fact[]])) as RollupFacts;
    for (const doc of latest.values()) facts[doc.register as RollupRegister].push(...doc.facts);
    return facts;
  }

  /**
   * The register's rollup documents after repairing its marked months. Figures asked for together (概况 reads the
   * document rollups for four of its lines) share one read, unless this process wrote in between.
   */
  private rollupsOf(register: RollupRegister): Promise<RollupDoc[]> {
    const shared = this.reading.get(register);
    if (shared && shared.generation === this.generation) return shared.docs;
    const docs = this.repair([register]).then(() => RollupModel.find({ register }).lean<RollupDoc[]>());
    this.reading.set(register, { generation: this.generation, docs });
    const done = () => {
      if (this.reading.get(register)?.docs === docs) this.reading.delete(register);
    };
    docs.then(done, done);
    return docs;
  }

  /** A database from before the rollups is rolled up once, on its first read. */
  private ensureBuilt(): Promise<void> {
    this.built ??= (async () => {
      if (!(await RollupModel.exists({ _id: BUILT_ID }))) await this.rebuild();
    })().catch((err) => {
      this.built = undefined;
      throw err;
    });
    return this.built;
  }

  /**
   * Recomputes every month of every register from the records (one pass over each register, grouped by
   * month in memory) and drops rollups of months left without any; idempotent. Returns the months per register.
   */
  async rebuild(): Promise<Record<RollupRegister, number>> {
    const counts = {} as Record<RollupRegister, number>;
    for (const register of ROLLUP_REGISTERS) {
      const source = SOURCES[register];
      const count = factsOf[register] as (record: Row) => Fact[];
      const at = stamp();
      const byMonth = new Map<string, Fact[]>();
      for await (const row of source.model.find({}).lean<Row[]>().cursor()) {
        const month = source.bucket(row as Row);
        const facts = byMonth.get(month) ?? [];
        if (!byMonth.has(month)) byMonth.set(month, facts);
        facts.push(...count(row as Row));
        if (facts.length > 10_000) byMonth.set(month, sumFacts(facts));
      }
      for (const [month, facts] of byMonth) {
        await RollupModel.create({ _id: `${register}:${month}:${at.getTime()}:${randomUUID().slice(0, 8)}`, register, month, at, facts: sumFacts(facts) });
      }
      await RollupModel.deleteMany({ register, at: { $lt: at } });
      counts[register] = byMonth.size;
    }
    await RollupDirtyModel.deleteMany({ at: { $lt: new Date(Date.now() - STALE_MARKER_MS) } });
    await RollupModel.deleteMany({ _id: BUILT_ID });
    await RollupModel.create({ _id: BUILT_ID, register: 'built', month: '-', at: new Date(), facts: [] });
    return counts;
  }

  /** Counts every figure's facts straight from the records, without touching the rollups: what a consistency check compares with. */
  async recount(): Promise<RollupFacts> {
    const facts = {} as RollupFacts;
    for (const register of ROLLUP_REGISTERS) {
      const count = factsOf[register] as (record: Row) => Fact[];
      facts[register] = sumFacts((await SOURCES[register].model.find({}).lean<Row[]>()).flatMap(count));
    }
    return facts;
  }
}

export const rollups = new Rollups();
