import type { ClueRoute } from '../../config/routing';
import type { DeadlineDocument } from '../documents';
import type { JointInspection, RectificationItem, SelfInspection } from '../inspections';
import type {
  ClueDeadlineRow,
  BulletinFigures,
  ClueExportRow,
  ClueFigures,
  DocumentFigures,
  ExportRecords,
  FigurePeriod,
  MeetingFigures,
  MonthlyFigures,
  OverdueRow,
  OverdueRows,
  RectificationFigures,
  ReportStore,
  SelfInspectionFigures,
} from '../reports';
import { rollupFigures } from '../rollup-facts';
import { isDuplicateKey } from './claims';
import { rollups } from './rollups';
import { ClueModel } from './models/clue';
import { DOCUMENT_SEALING } from './documents';
import { DeadlineDocumentModel } from './models/deadline-document';
import { JointInspectionModel } from './models/joint-inspection';
import { MeetingModel } from './models/meeting';
import { MEETING_SEALING } from './meetings';
import { RectificationItemModel } from './models/rectification-item';
import { ReportRunModel } from './models/report-run';
import { SelfInspectionModel } from './models/self-inspection';

const dateRange = (p: Pick<FigurePeriod, 'from' | 'to'>) => ({ $gte: p.from, $lte: p.to });
const submitted = (p: FigurePeriod) => ({ submittedAt: { $gte: p.start, $lt: p.end } });
/** Rows leave without the database's own fields. */
const RECORD = { _id: 0, __v: 0 } as const;
const CLUE_DEADLINE_FIELDS = {
  _id: 0,
  route: 1,
  status: 1,
  acceptanceDue: 1,
  acceptedAt: 1,
  handlingDue: 1,
  concludedAt: 1,
  'returned.at': 1,
  'dispute.at': 1,
} as const;
const CLUE_EXPORT_FIELDS = { _id: 0, number: 1, route: 1, category: 1, status: 1, submittedAt: 1, acceptedAt: 1, concludedAt: 1 } as const;

export class MongoReportStore implements ReportStore {
  // Every count reads the rollups (src/store/mongo/rollups.ts): O(months), whatever the number of records.
  async bulletinFigures(period: FigurePeriod): Promise<BulletinFigures> {
    return rollupFigures.bulletinFigures(await rollups.read(['inspection', 'item', 'document']), period);
  }

  async clueFigures(period: FigurePeriod): Promise<ClueFigures> {
    return rollupFigures.clueFigures(await rollups.read(['clue']), period);
  }

  async documentFigures(period: FigurePeriod, today: string): Promise<Record<string, DocumentFigures>> {
    return rollupFigures.documentFigures(await rollups.read(['document']), period, today);
  }

  async rectificationFigures(period: FigurePeriod, today: string): Promise<RectificationFigures> {
    return rollupFigures.rectificationFigures(await rollups.read(['item']), period, today);
  }

  async selfInspectionFigures(period: FigurePeriod): Promise<SelfInspectionFigures> {
    return rollupFigures.selfInspectionFigures(await rollups.read(['selfInspection']), period);
  }

  async liaisonMeetingFigures(from: string, to: string, now: Date): Promise<MeetingFigures> {
    return rollupFigures.liaisonMeetingFigures(await rollups.read(['meeting']), from, to, now);
  }

  async overdue(today: string, skip: number, limit: number): Promise<OverdueRows> {
    const filter = { status: 'open' as const, dueDate: { $lt: today } };
    const fields = { number: 1, kind: 1, recipient: 1, owner: 1, dueDate: 1, escalatedAt: 1 };
    const total = rollupFigures.overdueCount(await rollups.read(['document', 'item']), today);
    if (skip >= total || limit === 0) return { total, rows: [] };
    const [documents, items] = await Promise.all([
      DeadlineDocumentModel.find(filter, fields)
        .sort({ dueDate: 1, number: 1 })
        .limit(skip + limit)
        .lean<DeadlineDocument[]>(),
      RectificationItemModel.find(filter, fields)
        .sort({ dueDate: 1, number: 1 })
        .limit(skip + limit)
        .lean<RectificationItem[]>(),
    ]);
    const rows: OverdueRow[] = [
      ...documents.map((doc) => ({ number: doc.number, kind: doc.kind, recipient: doc.recipient, dueDate: doc.dueDate, escalated: Boolean(doc.escalatedAt) })),
      ...items.map((item) => ({ number: item.number, recipient: item.owner, dueDate: item.dueDate, escalated: Boolean(item.escalatedAt) })),
    ];
    rows.sort((a, b) => (a.dueDate === b.dueDate ? a.number.localeCompare(b.number) : a.dueDate < b.dueDate ? -1 : 1));
    return { total, rows: rows.slice(skip, skip + limit) };
  }

  async monthlyFigures(months: readonly string[], today: string, correctionKinds: readonly string[]): Promise<MonthlyFigures> {
    return rollupFigures.monthlyFigures(await rollups.read(['clue', 'document', 'item']), months, today, correctionKinds);
  }

  async clueDeadlines(period: FigurePeriod): Promise<ClueDeadlineRow[]> {
    return ClueModel.find(submitted(period), CLUE_DEADLINE_FIELDS).sort({ submittedAt: 1 }).lean<ClueDeadlineRow[]>();
  }

  async exportRecords(period: FigurePeriod, clues: { withheldRoute: ClueRoute; insider: boolean }): Promise<ExportRecords> {
    const visible = clues.insider ? submitted(period) : { ...submitted(period), route: { $ne: clues.withheldRoute } };
    const [clueRows, cluesWithheld, documents, meetings, inspections, items, selfInspections] = await Promise.all([
      ClueModel.find(visible, CLUE_EXPORT_FIELDS).sort({ submittedAt: 1 }).lean<ClueExportRow[]>(),
      clues.insider ? Promise.resolve(0) : rollups.read(['clue']).then((facts) => rollupFigures.cluesOf(facts, period, clues.withheldRoute)),
      DeadlineDocumentModel.find({ startDate: dateRange(period) }, RECORD)
        .sort({ startDate: 1, number: 1 })
        .lean<Record<string, unknown>[]>()
        .then((rows) => DOCUMENT_SEALING.openAll(rows)),
      MeetingModel.find({ date: dateRange(period) }, RECORD)
        .sort({ startsAt: 1 })
        .lean<Record<string, unknown>[]>()
        .then((rows) => MEETING_SEALING.openAll(rows)),
      JointInspectionModel.find({ date: dateRange(period) }, RECORD)
        .sort({ date: 1, number: 1 })
        .lean<JointInspection[]>(),
      RectificationItemModel.find({ inspectionDate: dateRange(period) }, RECORD)
        .sort({ number: 1 })
        .lean<RectificationItem[]>(),
      SelfInspectionModel.find({ month: { $in: period.months } }, RECORD)
        .sort({ month: 1, unit: 1 })
        .lean<SelfInspection[]>(),
    ]);
    return { clues: clueRows, cluesWithheld, documents, meetings, inspections, items, selfInspections };
  }

  async hasRun(key: string): Promise<boolean> {
    return Boolean(await ReportRunModel.exists({ key }));
  }

  async markRun(key: string, at: Date): Promise<void> {
    try {
      await ReportRunModel.create({ key, at });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
}
