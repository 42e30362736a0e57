import mongoose, { Schema } from 'mongoose';
import type { Fact, RollupRegister } from '../../rollup-facts';

/**
 * One computed rollup of one register's bucket month: `<register>:<month>:<epoch ms>:<random>`. Written as a
 * new document (never updated: FerretDB 1.x has no atomic update); the one with the latest `at` counts,
 * older ones are deleted after. `at` is taken before its records were read, so the latest one has seen
 * every write that finished before any other was read.
 */
export interface RollupDoc {
  _id: string;
  register: RollupRegister | 'built';
  month: string;
  at: Date;
  facts: Fact[];
}

/**
 * A change under way: inserted before a record is written and deleted after its rollup was recomputed.
 * A marker left by a crash names what a read (or the `rollup-repair` job) recomputes: a month, or a record's
 * number whose month is looked up.
 */
export interface RollupDirtyDoc {
  _id: string;
  register: RollupRegister;
  month?: string;
  number?: string;
  at: Date;
}

const rollupSchema = new Schema<RollupDoc>({
  _id: { type: String, required: true },
  register: { type: String, required: true },
  month: { type: String, required: true },
  at: { type: Date, required: true },
  facts: { type: [{ _id: false, k: [String], n: Number }], default: [] },
});
rollupSchema.index({ register: 1, month: 1 });

const dirtySchema = new Schema<RollupDirtyDoc>({
  _id: { type: String, required: true },
  register: { type: String, required: true },
  month: { type: String },
  number: { type: String },
  at: { type: Date, required: true },
});

export const RollupModel = mongoose.model<RollupDoc>('Rollup', rollupSchema, 'rollups');
export const RollupDirtyModel = mongoose.model<RollupDirtyDoc>('RollupDirty', dirtySchema, 'rollup_dirty');
