import type { Actor } from './documents';

/**
 * A 行政争议调解 case (TJ-…): the administrative party (an enforcement unit), what the dispute is
 * about (sealed at rest: it may name the private party), the stage, and how it ended.
 * `nextRemindAt` drives the handling-period reminders like any deadline's.
 */
export interface MediationCase {
  number: string;
  unit: string;
  subject: string;
  stage: string;
  registeredOn: string;
  dueDate: string;
  status: 'open' | 'closed';
  outcome?: string;
  closedOn?: string;
  note?: string;
  nextRemindAt: Date | null;
  nextStepOffset: number | null;
  escalatedAt?: Date;
  createdBy: Actor;
  createdAt: Date;
}

export const MEDIATION_CLOSE_LEASE_MS = 30_000;

/** 行政争议调解 cases (collection `mediation_cases`). */
export interface MediationStore {
  insert(record: MediationCase): Promise<void>;
  find(number: string): Promise<MediationCase | null>;
  /** Open cases, oldest first, at most `limit`. */
  open(limit: number): Promise<MediationCase[]>;
  /** Cases registered from `from` to `to` (both included). */
  registeredBetween(from: string, to: string): Promise<MediationCase[]>;
  /** Records the outcome of an open case exactly once (claim `mediation:<number>:close`); null when already closed. */
  close(number: string, closure: Required<Pick<MediationCase, 'outcome' | 'closedOn' | 'note'>>, now: Date): Promise<MediationCase | null>;
  dueForReminder(until: Date, limit: number): Promise<MediationCase[]>;
  advanceReminder(record: MediationCase, next: { at: Date; offset: number }, escalatedAt: Date | undefined): Promise<boolean>;
}
