import type { ReportFile, ReportFileStore } from '../report-files';
import { ReportFileModel } from './models/report-file';

export class MongoReportFileStore implements ReportFileStore {
  async add(file: ReportFile): Promise<void> {
    await ReportFileModel.create(file);
  }

  async find(token: string): Promise<ReportFile | null> {
    // Not lean: the hydrated document casts the stored binary back to a Buffer.
    const file = await ReportFileModel.findOne({ token });
    return file && { ...file.toObject(), data: Buffer.from(file.data) };
  }

  async purgeExpired(now: Date): Promise<number> {
    return (await ReportFileModel.deleteMany({ expiresAt: { $lte: now } })).deletedCount;
  }
}
