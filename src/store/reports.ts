import type { ClueRoute } from '../config/routing';
import type { ClueDoc, ClueStatus } from './clues';
import type { DeadlineDocument } from './documents';
import type { JointInspection, RectificationItem, SelfInspection } from './inspections';
import type { Meeting } from './meetings';

/**
 * Marks a periodic report as written to the outbox (e.g. `bulletin:2026-10`), so
 * later ticks skip it with one indexed lookup. The outbox keys alone already keep
 * it from going out twice; this only saves rebuilding it every minute.
 */
export interface ReportRun {
  key: string;
  at: Date;
}

/** A reporting period as the queries read it: local days `from`–`to` (both included), the instants [start, end), its month keys. */
export interface FigurePeriod {
  from: string;
  to: string;
  start: Date;
  end: Date;
  months: readonly string[];
}

/** The figures of the county's bulletin sentence, and documents served in the period by kind. */
export interface BulletinFigures {
  inspections: number;
  /** Distinct enforcement units inspected. */
  units: number;
  filesSampled: number;
  /** Rectification items closed in the period. */
  rectified: number;
  /** Documents served (start date) in the period, by kind; a kind without any is absent. */
  served: Record<string, number>;
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

/** One open item past due: a deadline document (with its kind) or a rectification item (without). */
export interface OverdueRow {
  number: string;
  kind?: string;
  /** The unit that must act: a document's recipient, an item's owner. */
  recipient: string;
  dueDate: string;
  escalated: boolean;
}

export interface OverdueRows {
  total: number;
  rows: OverdueRow[];
}

/** Per month of `months`, in order. */
export interface MonthlyFigures {
  referrals: Record<ClueRoute, number[]>;
  /** 当月到期: items whose deadline fell in the month and that were not done by it (as of today). */
  overdue: number[];
  /** 月末逾期存量: items past due and not done at the month's end (today for the running month), whenever they fell due. */
  backlog: number[];
}

/** The day after which a month's backlog is counted: the 1st of the next month, or `today` while the month runs. */
export function backlogCutoff(month: string, today: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${year + 1}-01-01` : `${year}-${String(m + 1).padStart(2, '0')}-01`;
  return next < today ? next : today;
}

/** The fields of a clue that may leave the database in an export: never facts, subject, evidence or reporter. */
export type ClueExportRow = Pick<ClueDoc, 'number' | 'route' | 'category' | 'status' | 'submittedAt' | 'acceptedAt' | 'concludedAt'>;

/**
 * A clue's routing state and dates, for 线索移送按期办理率: no number, category or content (the
 * discipline commission's clues are counted, never listed). `returned` and `dispute` keep only when
 * they began: the clock is stopped, or the holder is not yet decided.
 */
export type ClueDeadlineRow = Pick<ClueDoc, 'route' | 'status' | 'acceptanceDue' | 'acceptedAt' | 'handlingDue' | 'concludedAt'> & {
  returned?: { at: Date };
  dispute?: { at: Date };
};

/** Every record 导出 lists for a period. */
export interface ExportRecords {
  clues: ClueExportRow[];
  /** Clues of the withheld route, counted, not listed. */
  cluesWithheld: number;
  documents: DeadlineDocument[];
  meetings: Meeting[];
  inspections: JointInspection[];
  items: RectificationItem[];
  selfInspections: SelfInspection[];
}

/**
 * The leaders' figures over the period (every register: clues, documents, meetings, inspections), and the
 * markers of the monthly 定期通报. Counts read rollups (src/store/rollup-facts.ts, kept by
 * src/store/mongo/rollups.ts): their cost grows with the months stored, not the records; lists read the records.
 */
export interface ReportStore {
  bulletinFigures(period: FigurePeriod): Promise<BulletinFigures>;
  /** Clues submitted in the period, by receiving agency and status. Counts only: never content. */
  clueFigures(period: FigurePeriod): Promise<ClueFigures>;
  /** Documents served in the period by kind (a kind without any is absent): open, overdue as of `today`, replied, rectified. */
  documentFigures(period: FigurePeriod, today: string): Promise<Record<string, DocumentFigures>>;
  /** Items found by inspections in the period, by status; `done` counts closures in the period. */
  rectificationFigures(period: FigurePeriod, today: string): Promise<RectificationFigures>;
  selfInspectionFigures(period: FigurePeriod): Promise<SelfInspectionFigures>;
  /**
   * 联席会议 of `from`–`to`, cancelled ones left out: held — on the day its minutes record, else its scheduled day once
   * it has started by `now` — and scheduled (still to come).
   */
  liaisonMeetingFigures(from: string, to: string, now: Date): Promise<MeetingFigures>;
  /**
   * Every open item (documents and rectification items) past due as of `today`, oldest due first
   * (then by number), `limit` from `skip`; a page costs skip + limit rows of each register.
   */
  overdue(today: string, skip: number, limit: number): Promise<OverdueRows>;
  /**
   * Clue referrals per route and items overdue per month. A document counts as overdue when open,
   * or when the answer that closes it came late: the correction for `correctionKinds`, the reply otherwise.
   */
  monthlyFigures(months: readonly string[], today: string, correctionKinds: readonly string[]): Promise<MonthlyFigures>;
  /** Clues submitted in the period, every route, as ClueDeadlineRow (for the annual indicators' counts). */
  clueDeadlines(period: FigurePeriod): Promise<ClueDeadlineRow[]>;
  /** The records of 导出: clues of `withheldRoute` only counted unless the viewer is an insider. */
  exportRecords(period: FigurePeriod, clues: { withheldRoute: ClueRoute; insider: boolean }): Promise<ExportRecords>;
  /** Whether the periodic report `key` (e.g. `bulletin:2026-10`) was written. */
  hasRun(key: string): Promise<boolean>;
  /** Marks it written; marking it again is a no-op. */
  markRun(key: string, at: Date): Promise<void>;
}
