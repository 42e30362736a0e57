import type { Model, PipelineStage } from 'mongoose';
import { CLUE_ROUTES, type ClueRoute } from '../../config/routing';
import { ClueModel } from '../../store/mongo/models/clue';
import { CLUE_STATUSES, type ClueStatus } from '../../store/clues';
import { DeadlineDocumentModel } from '../../store/mongo/models/deadline-document';
import { TRACKED_KINDS, type TrackedKind } from '../../store/documents';
import { JointInspectionModel } from '../../store/mongo/models/joint-inspection';
import { MeetingModel } from '../../store/mongo/models/meeting';
import { RectificationItemModel } from '../../store/mongo/models/rectification-item';
import { SelfInspectionModel } from '../../store/mongo/models/self-inspection';
import type { LocalDate } from '../../kernel/time/local-date';
import type { ReportPeriod } from './period';

/**
 * Every figure of 概况 and 简报, each one database query over the period
 * ($match, $group by one field, one $sum: what FerretDB 1.x answers correctly —
 * it returns 0 for every accumulator after the first in one $group).
 */

export interface BulletinFigures {
  inspections: number;
  units: number;
  filesSampled: number;
  notices: number;
  recommendations: number;
  rectified: number;
}

export type ClueFigures = Record<ClueRoute, Record<ClueStatus, number>>;

export interface DocumentFigures {
  total: number;
  /** Open and not yet due. */
  open: number;
  overdue: number;
  replied: number;
  rectified: number;
}

export interface RectificationFigures {
  registered: number;
  done: number;
  open: number;
  overdue: number;
}

export interface SelfInspectionFigures {
  units: number;
  casesChecked: number;
  unexecuted: number;
}

export interface MeetingFigures {
  held: number;
  scheduled: number;
}

const dateRange = (p: ReportPeriod) => ({ $gte: p.from, $lte: p.to });

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

export async function bulletinFigures(period: ReportPeriod): Promise<BulletinFigures> {
  const inspections = { date: dateRange(period) };
  const documents = { startDate: dateRange(period) };
  const [inspectionCount, units, filesSampled, notices, recommendations, rectified] = await Promise.all([
    JointInspectionModel.countDocuments(inspections),
    distinctCount(JointInspectionModel, inspections, 'units'),
    total(JointInspectionModel, inspections, 'filesSampled'),
    DeadlineDocumentModel.countDocuments({ ...documents, kind: 'notice' }),
    DeadlineDocumentModel.countDocuments({ ...documents, kind: 'recommendation' }),
    RectificationItemModel.countDocuments({ status: 'done', doneDate: dateRange(period) }),
  ]);
  return { inspections: inspectionCount, units, filesSampled, notices, recommendations, rectified };
}

/** Clues submitted in the period, by receiving agency and status. Counts only: never content. */
export async function clueFigures(period: ReportPeriod): Promise<ClueFigures> {
  const rows = await ClueModel.aggregate<{ _id: { route: ClueRoute; status: ClueStatus }; n: number }>([
    { $match: { submittedAt: { $gte: period.start, $lt: period.end } } },
    { $group: { _id: { route: '$route', status: '$status' }, n: { $sum: 1 } } },
  ]);
  const figures = Object.fromEntries(CLUE_ROUTES.map((route) => [route, Object.fromEntries(CLUE_STATUSES.map((status) => [status, 0]))])) as ClueFigures;
  for (const { _id, n } of rows) if (figures[_id.route]) figures[_id.route][_id.status] = n;
  return figures;
}

export function clueTotal(figures: ClueFigures, route?: ClueRoute): number {
  const routes: readonly ClueRoute[] = route ? [route] : CLUE_ROUTES;
  let sum = 0;
  for (const r of routes) for (const status of CLUE_STATUSES) sum += figures[r][status];
  return sum;
}

/** Documents served in the period (by start date), by kind: open, overdue (as of today), replied, rectified. */
export async function documentFigures(period: ReportPeriod, today: LocalDate): Promise<Record<TrackedKind, DocumentFigures>> {
  const served = { startDate: dateRange(period) };
  const [all, open, overdue, replied, rectified] = await Promise.all([
    sumBy(DeadlineDocumentModel, served, 'kind'),
    sumBy(DeadlineDocumentModel, { ...served, status: 'open', dueDate: { $gte: today } }, 'kind'),
    sumBy(DeadlineDocumentModel, { ...served, status: 'open', dueDate: { $lt: today } }, 'kind'),
    sumBy(DeadlineDocumentModel, { ...served, 'reply.at': { $exists: true } }, 'kind'),
    sumBy(DeadlineDocumentModel, { ...served, 'correction.at': { $exists: true } }, 'kind'),
  ]);
  return Object.fromEntries(
    TRACKED_KINDS.map((kind) => [
      kind,
      {
        total: all.get(kind) ?? 0,
        open: open.get(kind) ?? 0,
        overdue: overdue.get(kind) ?? 0,
        replied: replied.get(kind) ?? 0,
        rectified: rectified.get(kind) ?? 0,
      },
    ]),
  ) as Record<TrackedKind, DocumentFigures>;
}

/** Items found by inspections in the period, by status; `done` counts closures in the period (简报's figure). */
export async function rectificationFigures(period: ReportPeriod, today: LocalDate): Promise<RectificationFigures> {
  const found = { inspectionDate: dateRange(period) };
  const [registered, open, overdue, done] = await Promise.all([
    RectificationItemModel.countDocuments(found),
    RectificationItemModel.countDocuments({ ...found, status: 'open' }),
    RectificationItemModel.countDocuments({ ...found, status: 'open', dueDate: { $lt: today } }),
    RectificationItemModel.countDocuments({ status: 'done', doneDate: dateRange(period) }),
  ]);
  return { registered, open, overdue, done };
}

export async function selfInspectionFigures(period: ReportPeriod): Promise<SelfInspectionFigures> {
  const match = { month: { $in: period.months } };
  const [units, casesChecked, unexecuted] = await Promise.all([
    sumBy(SelfInspectionModel, match, 'unit').then((byUnit) => byUnit.size),
    total(SelfInspectionModel, match, 'casesChecked'),
    total(SelfInspectionModel, match, 'unexecuted'),
  ]);
  return { units, casesChecked, unexecuted };
}

/** 联席会议 in a half-year: held (started by `now`) and scheduled (still to come). */
export async function liaisonMeetingFigures(from: LocalDate, to: LocalDate, now: Date): Promise<MeetingFigures> {
  const inHalfYear = { kind: 'liaison' as const, date: { $gte: from, $lte: to } };
  const [held, scheduled] = await Promise.all([
    MeetingModel.countDocuments({ ...inHalfYear, startsAt: { $lte: now } }),
    MeetingModel.countDocuments({ ...inHalfYear, startsAt: { $gt: now } }),
  ]);
  return { held, scheduled };
}
