import mongoose, { Schema } from 'mongoose';

/**
 * Marks a periodic report as written to the outbox (e.g. `bulletin:2026-10`), so
 * later ticks skip it with one indexed lookup. The outbox keys alone already keep
 * it from going out twice; this only saves rebuilding it every minute.
 */
export interface ReportRun {
  key: string;
  at: Date;
}

const schema = new Schema<ReportRun>({ key: { type: String, required: true }, at: { type: Date, required: true } });
schema.index({ key: 1 }, { unique: true });

export const ReportRunModel = mongoose.model<ReportRun>('ReportRun', schema, 'report_runs');
