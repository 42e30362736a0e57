import mongoose, { Schema } from 'mongoose';
import type { ReportRun } from '../../reports';

const schema = new Schema<ReportRun>({ key: { type: String, required: true }, at: { type: Date, required: true } });
schema.index({ key: 1 }, { unique: true });

export const ReportRunModel = mongoose.model<ReportRun>('ReportRun', schema, 'report_runs');
