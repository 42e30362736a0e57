import mongoose, { Schema } from 'mongoose';

/**
 * One scheduled instant of one record: `<list>:<number>:<epoch ms>` (a list is a register and what is due
 * in it, e.g. `document.remind`). Filed before the record is written and pruned after, so a crash between
 * leaves a stale entry (dropped when its day is read), never a missing one.
 */
export interface AgendaEntryDoc {
  _id: string;
  list: string;
  number: string;
  /** The Asia/Shanghai day of `at` (YYYY-MM-DD): the tick reads whole days, by equality. */
  day: string;
  at: Date;
}

/** `<list>:<day>`: a day of a list that may hold entries, so a tick finds past days it missed without a range query. */
export interface AgendaDayDoc {
  _id: string;
  list: string;
  day: string;
}

const entrySchema = new Schema<AgendaEntryDoc>({
  _id: { type: String, required: true },
  list: { type: String, required: true },
  number: { type: String, required: true },
  day: { type: String, required: true },
  at: { type: Date, required: true },
});
entrySchema.index({ list: 1, day: 1 });
entrySchema.index({ number: 1 });

const daySchema = new Schema<AgendaDayDoc>({
  _id: { type: String, required: true },
  list: { type: String, required: true },
  day: { type: String, required: true },
});
daySchema.index({ list: 1 });

export const AgendaEntryModel = mongoose.model<AgendaEntryDoc>('AgendaEntry', entrySchema, 'agenda');
export const AgendaDayModel = mongoose.model<AgendaDayDoc>('AgendaDay', daySchema, 'agenda_days');
