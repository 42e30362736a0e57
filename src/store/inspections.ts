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
