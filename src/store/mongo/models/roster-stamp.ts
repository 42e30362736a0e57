import mongoose, { Schema } from 'mongoose';

/** One document (`_id: 'roster'`) whose stamp changes with every change of the roster. */
interface RosterStampDoc {
  _id: string;
  stamp: string;
}

const rosterStampSchema = new Schema<RosterStampDoc>({ _id: { type: String, required: true }, stamp: { type: String, required: true } });

export const RosterStampModel = mongoose.model<RosterStampDoc>('RosterStamp', rosterStampSchema, 'roster_stamps');
