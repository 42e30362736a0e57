import type { Actor } from './documents';

/** Where a case came from: sfj's own filing, or a record of the mechanism. */
export interface CaseOrigin {
  kind: 'direct' | 'notice' | 'inspection' | 'clue';
  /** The record's number (TZ-…, ZG-…, XS-…); absent for a direct filing. */
  number?: string;
}

export interface AccountabilityDecision {
  measures: string[];
  /** The heaviest tier among the measures. */
  tier: 'minor' | 'serious';
  note: string;
  decidedOn: string;
  by: Actor;
}

/**
 * A 过错责任追究 case (ZR-…) against an enforcement unit and, where known, one of its officers.
 * `officer` and `facts` are personal information: sealed at rest by the mongoose store.
 * `dueDate` is the deadline being reminded (the investigation's, then the objection window's);
 * `nextRemindAt` drives its reminders like any deadline's.
 */
export interface AccountabilityCase {
  number: string;
  unit: string;
  officer?: string;
  facts: string;
  origin: CaseOrigin;
  status: 'investigating' | 'decided' | 'closed';
  filedOn: string;
  investigationDue: string;
  extensions: { previousDue: string; newDue: string; reason: string; by: Actor; at: Date }[];
  decision?: AccountabilityDecision;
  objectionDue?: string;
  objection?: { text: string; by: Actor; at: Date };
  closedOn?: string;
  closingNote?: string;
  /** The jw clue this case was handed over as (移送纪委). */
  clueNumber?: string;
  dueDate: string;
  nextRemindAt: Date | null;
  nextStepOffset: number | null;
  escalatedAt?: Date;
  createdBy: Actor;
  createdAt: Date;
  version: number;
}

/** A process that took a change and died before writing it holds the change this long. */
export const CASE_CHANGE_LEASE_MS = 30_000;

/** 过错责任追究 cases (collection `accountability_cases`). */
export interface AccountabilityStore {
  /** Adds a case; its number is unique. */
  insert(record: AccountabilityCase): Promise<void>;
  find(number: string): Promise<AccountabilityCase | null>;
  /** Cases not closed, oldest first, at most `limit`. */
  open(limit: number): Promise<AccountabilityCase[]>;
  /** Cases filed from `from` to `to` (both included). */
  filedBetween(from: string, to: string): Promise<AccountabilityCase[]>;
  /**
   * Applies a change to the case as read at `version`, exactly once (the claim
   * `accountability:<number>:v<version>`), writing version + 1. Null when another change came first.
   */
  applyChange(number: string, version: number, set: Partial<AccountabilityCase>, now: Date): Promise<AccountabilityCase | null>;
  /** Cases whose next reminder is due by `until`, earliest first, at most `limit`. */
  dueForReminder(until: Date, limit: number): Promise<AccountabilityCase[]>;
  /** Moves a case to its next reminder step unless it changed meanwhile. */
  advanceReminder(record: AccountabilityCase, next: { at: Date; offset: number }, escalatedAt: Date | undefined): Promise<boolean>;
}
