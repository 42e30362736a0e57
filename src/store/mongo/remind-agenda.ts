import type { Model } from 'mongoose';
import { Agenda } from './agenda';

/** A record that keeps its next reminder step on itself (what `remindStore` runs over). */
export interface RemindedRecord {
  number: string;
  nextRemindAt?: Date | null;
  nextStepOffset?: number | null;
}

type Row = Record<string, unknown>;

/**
 * The agenda (src/store/mongo/agenda.ts) of a register whose reminders go through `remindStore`
 * (consultations, file access, court supervision, accountability, mediation): one list, `<name>.remind`,
 * keyed by the day of `nextRemindAt`, so a tick reads only what is due. Every write that sets
 * `nextRemindAt` files the new instant first (`insert`, `advance`, `file`); a write that clears it
 * needs nothing: the stale entry is dropped when its day is read. `agenda rebuild` files it anew.
 */
export class RemindAgenda<T extends RemindedRecord> {
  readonly agenda: Agenda<T, 'remind'>;

  constructor(
    readonly label: string,
    name: string,
    private readonly model: Model<Row>,
    opened: (row: Row) => T = (row) => row as unknown as T,
  ) {
    this.agenda = new Agenda<T, 'remind'>({
      name,
      lists: ['remind'],
      times: (record) => (record.nextRemindAt ? { remind: record.nextRemindAt } : {}),
      numberOf: (record) => record.number,
      read: async (number) => {
        const row = await this.model.findOne({ number }).lean<Row>();
        return row && opened(row);
      },
      all: () =>
        mapCursor(
          this.model
            .find({ nextRemindAt: { $ne: null } })
            .lean<Row[]>()
            .cursor(),
          opened,
        ),
    });
  }

  /** Records whose reminder is due by `until`, earliest first. */
  due(until: Date, limit: number): Promise<T[]> {
    return this.agenda.due('remind', until, limit);
  }

  /** Before a write that sets `nextRemindAt` (a registration, a changed deadline): files the new instant. */
  async file(record: Pick<T, 'number'> & Partial<Pick<T, 'nextRemindAt'>>): Promise<void> {
    if (record.nextRemindAt) await this.agenda.file(record as T);
  }

  /** After a write that may have cleared or moved `nextRemindAt` (an answer, a closure, a change): drops the entries that no longer match. */
  async settled<R extends T | null>(record: R): Promise<R> {
    if (record) await this.agenda.prune(record);
    return record;
  }

  /** Moves a record to its next step when it still matches `unchanged`; files the step first, drops the passed entry after. */
  async advance(record: T, next: { at: Date; offset: number }, escalatedAt: Date | undefined, unchanged: object): Promise<boolean> {
    const moved = { ...record, nextRemindAt: next.at, nextStepOffset: next.offset };
    await this.agenda.file(moved);
    const result = await this.model.updateOne(
      { number: record.number, ...unchanged },
      { $set: { nextRemindAt: next.at, nextStepOffset: next.offset, ...(escalatedAt ? { escalatedAt } : {}) } },
    );
    if (result.modifiedCount > 0) await this.agenda.prune(moved);
    return result.modifiedCount > 0;
  }
}

async function* mapCursor<T>(rows: AsyncIterable<Row>, opened: (row: Row) => T): AsyncIterable<T> {
  for await (const row of rows) yield opened(row);
}
