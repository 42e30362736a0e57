import mongoose, { Schema } from 'mongoose';
import type { ReportFile } from '../../report-files';

const schema = new Schema<ReportFile>({
  token: { type: String, required: true },
  kind: { type: String, enum: ['chart', 'export', 'document'], required: true },
  owner: { channel: { type: String, required: true }, userId: { type: String, required: true } },
  name: { type: String, required: true },
  contentType: { type: String, required: true },
  data: { type: Buffer, required: true },
  createdAt: { type: Date, required: true },
  expiresAt: { type: Date, required: true },
});
schema.index({ token: 1 }, { unique: true });
schema.index({ expiresAt: 1 });

export const ReportFileModel = mongoose.model<ReportFile>('ReportFile', schema, 'report_files');
