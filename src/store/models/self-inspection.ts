import mongoose, { Schema } from 'mongoose';
import type { Actor } from './deadline-document';

/**
 * An enforcement unit's self-inspection of its closed penalty cases for one month:
 * how many it checked and how many penalties were found unexecuted. One per unit
 * and month; a second report for the same month replaces the first.
 */
export interface SelfInspection {
  unit: string;
  /** Period key YYYY-MM. */
  month: string;
  casesChecked: number;
  unexecuted: number;
  reportedBy: Actor;
  reportedAt: Date;
}

const actor = { channel: String, userId: String, name: String, agency: String };

const schema = new Schema<SelfInspection>({
  unit: { type: String, required: true },
  month: { type: String, required: true },
  casesChecked: { type: Number, required: true, min: 0 },
  unexecuted: { type: Number, required: true, min: 0 },
  reportedBy: actor,
  reportedAt: { type: Date, required: true },
});
schema.index({ unit: 1, month: 1 }, { unique: true });
schema.index({ month: 1 });

export const SelfInspectionModel = mongoose.model<SelfInspection>('SelfInspection', schema, 'self_inspections');
