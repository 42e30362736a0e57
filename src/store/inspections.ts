import type { Actor } from './documents';

/**
 * A 联合巡查 (XC-…): the date, the enforcement units inspected and the case files
 * sampled. `ref` is unique: the number for one registered in chat, the import
 * file's own reference for an imported one (so re-importing never duplicates).
 */
export interface JointInspection {
  number: string;
  ref: string;
  /** YYYY-MM-DD, Asia/Shanghai. */
  date: string;
  /** Period key YYYY-MM of `date`. */
  month: string;
  units: string[];
  filesSampled: number;
  note: string;
  source: 'chat' | 'import';
  createdBy: Actor;
  createdAt: Date;
}

/**
 * A problem found by a joint inspection (ZG-…), to be rectified by its owner unit
 * by the due date. `nextRemindAt` drives its reminders like any deadline's; the
 * period keys and `doneLate` are written with the item so counts are plain queries.
 */
export interface RectificationItem {
  number: string;
  /** Unique: the number for one registered in chat, the import file's reference otherwise. */
  ref: string;
  inspectionNumber: string;
  inspectionDate: string;
  /** The agency that registered the inspection; told when the item escalates. */
  issuer: string;
  owner: string;
  text: string;
  dueDate: string;
  /** Period key YYYY-MM of `dueDate`. */
  dueMonth: string;
  status: 'open' | 'done';
  doneDate?: string;
  doneMonth?: string;
  doneLate?: boolean;
  doneNote?: string;
  doneBy?: Actor;
  escalatedAt?: Date;
  nextRemindAt: Date | null;
  nextStepOffset: number | null;
  createdBy: Actor;
  createdAt: Date;
}

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

/** Joint inspections, the rectification items they produce, and units' self-inspections. */
export interface InspectionStore {
  /** Adds an inspection; its number and its ref are unique. */
  insertInspection(inspection: JointInspection): Promise<void>;
  findInspection(number: string): Promise<JointInspection | null>;
  /** The latest inspections, by date then number, newest first. */
  recentInspections(skip: number, limit: number): Promise<JointInspection[]>;
  /** Inspections whose ref is one of `refs`. */
  inspectionsByRef(refs: readonly string[]): Promise<JointInspection[]>;
  /** Inspections whose ref or number is one of `keys` (an import's problems may name either). */
  inspectionsByRefOrNumber(keys: readonly string[]): Promise<JointInspection[]>;

  /** Adds a rectification item; its number and its ref are unique. */
  insertItem(item: RectificationItem): Promise<void>;
  findItem(number: string): Promise<RectificationItem | null>;
  /** The refs among `refs` that items already have. */
  itemRefsPresent(refs: readonly string[]): Promise<Set<string>>;
  /** The items of one inspection, by number. */
  itemsOf(inspectionNumber: string): Promise<RectificationItem[]>;
  /** How many items each of these inspections found (inspections without any are absent). */
  problemCounts(inspectionNumbers: readonly string[]): Promise<Map<string, number>>;
  /**
   * Closes an open item (整改销号) exactly once: the closure is taken by the claim
   * `rectification:<number>:close` (FerretDB does not apply a conditional update atomically).
   * Returns the closed item, or null when it was closed already or by someone else first.
   */
  closeItem(number: string, closure: ItemClosure, now: Date): Promise<RectificationItem | null>;
  /** Items whose next reminder is due by `until`, earliest first, at most `limit`. */
  itemsDueForReminder(until: Date, limit: number): Promise<RectificationItem[]>;
  /** Moves an open item to its next reminder step unless it was closed or moved by another run meanwhile. */
  advanceItemReminder(item: RectificationItem, next: { at: Date; offset: number }, escalatedAt: Date | undefined): Promise<boolean>;

  /** Writes a unit's report for a month, replacing an earlier one of the same unit and month. */
  saveSelfInspection(report: SelfInspection): Promise<void>;
}

/** What 整改销号 records on an item. */
export type ItemClosure = Required<Pick<RectificationItem, 'doneDate' | 'doneMonth' | 'doneLate' | 'doneNote' | 'doneBy'>>;

/** A process that took a closure and died before writing it holds it this long; then another may take it. */
export const CLOSE_LEASE_MS = 30_000;
