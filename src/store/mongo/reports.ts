import type { Model, PipelineStage } from 'mongoose';
import { CLUE_ROUTES, type ClueRoute } from '../../config/routing';
import { CLUE_STATUSES, type ClueStatus } from '../clues';
import type { DeadlineDocument } from '../documents';
import type { JointInspection, RectificationItem, SelfInspection } from '../inspections';
import type { Meeting } from '../meetings';
import type { LocalDate } from '../../kernel/time/local-date';
import { instantAt } from '../../kernel/time/local-time';
import { backlogCutoff } from '../reports';
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
import { isDuplicateKey } from './claims';
import { ClueModel } from './models/clue';
import { DeadlineDocumentModel } from './models/deadline-document';
import { JointInspectionModel } from './models/joint-inspection';
import { MeetingModel } from './models/meeting';
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

/** Sum of one field (or a count, when `field` is omitted) per value of `by`. */
async function sumBy<T>(model: Model<T>, match: object, by: string | null, field?: string): Promise<Map<string | null, number>> {
  const pipeline: PipelineStage[] = [{ $match: match }, { $group: { _id: by ? `$${by}` : null, n: { $sum: field ? `$${field}` : 1 } } }];
  const rows = await model.aggregate<{ _id: string | null; n: number }>(pipeline);
  return new Map(rows.map((row) => [row._id, row.n]));
}

async function total<T>(model: Model<T>, match: object, field: string): Promise<number> {
  return (await sumBy(model, match, null, field)).get(null) ?? 0;
}

async function distinctCount<T>(model: Model<T>, match: object, arrayField: string): Promise<number> {
  const rows = await model.aggregate<{ n: number }>([{ $match: match }, { $unwind: `$${arrayField}` }, { $group: { _id: `$${arrayField}` } }, { $count: 'n' }]);
  return rows[0]?.n ?? 0;
}

async function countByKind(match: object): Promise<Record<string, number>> {
  return Object.fromEntries([...(await sumBy(DeadlineDocumentModel, match, 'kind'))].map(([kind, n]) => [String(kind), n]));
}

export class MongoReportStore implements ReportStore {
  async bulletinFigures(period: FigurePeriod): Promise<BulletinFigures> {
    const inspections = { date: dateRange(period) };
    const [inspectionCount, units, filesSampled, rectified, served] = await Promise.all([
      JointInspectionModel.countDocuments(inspections),
      distinctCount(JointInspectionModel, inspections, 'units'),
      total(JointInspectionModel, inspections, 'filesSampled'),
      RectificationItemModel.countDocuments({ status: 'done', doneDate: dateRange(period) }),
      countByKind({ startDate: dateRange(period) }),
    ]);
    return { inspections: inspectionCount, units, filesSampled, rectified, served };
  }

  async clueFigures(period: FigurePeriod): Promise<ClueFigures> {
    const rows = await ClueModel.aggregate<{ _id: { route: ClueRoute; status: ClueStatus }; n: number }>([
      { $match: submitted(period) },
      { $group: { _id: { route: '$route', status: '$status' }, n: { $sum: 1 } } },
    ]);
    const figures = Object.fromEntries(CLUE_ROUTES.map((route) => [route, Object.fromEntries(CLUE_STATUSES.map((status) => [status, 0]))])) as ClueFigures;
    for (const { _id, n } of rows) if (figures[_id.route]) figures[_id.route][_id.status] = n;
    return figures;
  }

  async documentFigures(period: FigurePeriod, today: string): Promise<Record<string, DocumentFigures>> {
    const served = { startDate: dateRange(period) };
    const [all, open, overdue, replied, rectified] = await Promise.all([
      countByKind(served),
      countByKind({ ...served, status: 'open', dueDate: { $gte: today } }),
      countByKind({ ...served, status: 'open', dueDate: { $lt: today } }),
      countByKind({ ...served, 'reply.at': { $exists: true } }),
      countByKind({ ...served, 'correction.at': { $exists: true } }),
    ]);
    return Object.fromEntries(
      Object.entries(all).map(([kind, n]) => [
        kind,
        { total: n, open: open[kind] ?? 0, overdue: overdue[kind] ?? 0, replied: replied[kind] ?? 0, rectified: rectified[kind] ?? 0 },
      ]),
    );
  }

  async rectificationFigures(period: FigurePeriod, today: string): Promise<RectificationFigures> {
    const found = { inspectionDate: dateRange(period) };
    const [registered, open, overdue, done] = await Promise.all([
      RectificationItemModel.countDocuments(found),
      RectificationItemModel.countDocuments({ ...found, status: 'open' }),
      RectificationItemModel.countDocuments({ ...found, status: 'open', dueDate: { $lt: today } }),
      RectificationItemModel.countDocuments({ status: 'done', doneDate: dateRange(period) }),
    ]);
    return { registered, open, overdue, done };
  }

  async selfInspectionFigures(period: FigurePeriod): Promise<SelfInspectionFigures> {
    const match = { month: { $in: period.months } };
    const [units, casesChecked, unexecuted] = await Promise.all([
      sumBy(SelfInspectionModel, match, 'unit').then((byUnit) => byUnit.size),
      total(SelfInspectionModel, match, 'casesChecked'),
      total(SelfInspectionModel, match, 'unexecuted'),
    ]);
    return { units, casesChecked, unexecuted };
  }

  async liaisonMeetingFigures(from: string, to: string, now: Date): Promise<MeetingFigures> {
    const range = { $gte: from, $lte: to };
    const liaison = { kind: 'liaison' as const, 'cancelled.at': { $exists: false } };
    const [heldOn, heldAsScheduled, scheduled] = await Promise.all([
      MeetingModel.countDocuments({ ...liaison, 'minutes.heldOn': range }),
      MeetingModel.countDocuments({ ...liaison, 'minutes.heldOn': { $exists: false }, date: range, startsAt: { $lte: now } }),
      MeetingModel.countDocuments({ ...liaison, date: range, startsAt: { $gt: now } }),
    ]);
    const held = heldOn + heldAsScheduled;
    return { held, scheduled };
  }

  async overdue(today: string, skip: number, limit: number): Promise<OverdueRows> {
    const filter = { status: 'open' as const, dueDate: { $lt: today } };
    const fields = { number: 1, kind: 1, recipient: 1, owner: 1, dueDate: 1, escalatedAt: 1 };
    const [documentCount, itemCount] = await Promise.all([DeadlineDocumentModel.countDocuments(filter), RectificationItemModel.countDocuments(filter)]);
    const total = documentCount + itemCount;
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
    // Late: still open, or closed by its answer late (the correction for correctionKinds, the reply otherwise).
    const documentLate = [
      { status: 'open' as const },
      { kind: { $nin: correctionKinds }, 'reply.late': true },
      { kind: { $in: correctionKinds }, 'correction.late': true },
    ];
    // A month's days as text bounds: 'YYYY-MM-01' ≤ date ≤ 'YYYY-MM-31' holds for every real date of the month.
    const overdueDocuments = (month: string) =>
      DeadlineDocumentModel.countDocuments({ dueDate: { $gte: `${month}-01`, $lte: `${month}-31`, $lt: today }, $or: documentLate });
    // Backlog at a cutoff day: past due before it, and still open or closed on or after it (the closing answer's day).
    // For the running month the cutoff is today and the backlog is what is open now: the 逾期 list's total.
    const closedFrom = (answer: 'reply' | 'correction', cutoff: string) =>
      cutoff === today
        ? []
        : [
            { [`${answer}.date`]: { $gte: cutoff } },
            { [`${answer}.date`]: { $exists: false }, [`${answer}.at`]: { $gte: instantAt(cutoff as LocalDate, '00:00') } },
          ];
    const backlogAt = async (cutoff: string) => {
      const [docs, items] = await Promise.all([
        DeadlineDocumentModel.countDocuments({
          dueDate: { $lt: cutoff },
          $or: [
            { status: 'open' },
            ...closedFrom('reply', cutoff).map((c) => ({ ...c, kind: { $nin: correctionKinds } })),
            ...closedFrom('correction', cutoff).map((c) => ({ ...c, kind: { $in: correctionKinds } })),
          ],
        }),
        RectificationItemModel.countDocuments({
          dueDate: { $lt: cutoff },
          $or: [{ status: 'open' }, ...(cutoff === today ? [] : [{ doneDate: { $gte: cutoff } }])],
        }),
      ]);
      return docs + items;
    };
    const [perRoute, items, documents, backlog] = await Promise.all([
      Promise.all(CLUE_ROUTES.map((route) => sumBy(ClueModel, { route, month: { $in: months } }, 'month'))),
      sumBy(RectificationItemModel, { dueMonth: { $in: months }, dueDate: { $lt: today }, $or: [{ status: 'open' }, { doneLate: true }] }, 'dueMonth'),
      Promise.all(months.map(overdueDocuments)),
      Promise.all(months.map((m) => backlogAt(backlogCutoff(m, today)))),
    ]);
    const referrals = Object.fromEntries(CLUE_ROUTES.map((route, i) => [route, months.map((m) => perRoute[i]!.get(m) ?? 0)])) as Record<ClueRoute, number[]>;
    return { referrals, overdue: months.map((m, i) => documents[i]! + (items.get(m) ?? 0)), backlog };
  }

  async clueDeadlines(period: FigurePeriod): Promise<ClueDeadlineRow[]> {
    return ClueModel.find(submitted(period), CLUE_DEADLINE_FIELDS).sort({ submittedAt: 1 }).lean<ClueDeadlineRow[]>();
  }

  async exportRecords(period: FigurePeriod, clues: { withheldRoute: ClueRoute; insider: boolean }): Promise<ExportRecords> {
    const visible = clues.insider ? submitted(period) : { ...submitted(period), route: { $ne: clues.withheldRoute } };
    const [clueRows, cluesWithheld, documents, meetings, inspections, items, selfInspections] = await Promise.all([
      ClueModel.find(visible, CLUE_EXPORT_FIELDS).sort({ submittedAt: 1 }).lean<ClueExportRow[]>(),
      clues.insider ? Promise.resolve(0) : ClueModel.countDocuments({ ...submitted(period), route: clues.withheldRoute }),
      DeadlineDocumentModel.find({ startDate: dateRange(period) }, RECORD)
        .sort({ startDate: 1, number: 1 })
        .lean<DeadlineDocument[]>(),
      MeetingModel.find({ date: dateRange(period) }, RECORD)
        .sort({ startsAt: 1 })
        .lean<Meeting[]>(),
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
