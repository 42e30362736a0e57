import type { Actor } from './documents';

/** Who was told of a conclusion: an agency, how many of its people, when. */
export interface Notified {
  agency: string;
  people: number;
  at: Date;
}

export interface SupervisionConclusion {
  /** 审查结论. */
  finding: string;
  /** 监督结果. */
  result: string;
  at: Date;
  by: Actor;
  late: boolean;
  /** The applying organ and the justice bureau, as told. */
  notified: Notified[];
}

/**
 * A 非诉执行监督 case (FZ-…): a court's ruling on an administrative organ's application for
 * execution (不予受理, 不予执行 …), reviewed by the procuratorate within its period.
 * `nextRemindAt` drives its reminders like any deadline's (src/domain/deadlines/reminder-runner.ts).
 */
export interface CourtSupervisionCase {
  number: string;
  /** The procuratorate that registered it and reviews it. */
  agency: string;
  ruling: string;
  /** The administrative organ that applied for execution. */
  applicant: string;
  /** YYYY-MM-DD, Asia/Shanghai. */
  rulingDate: string;
  /** The court's case number (案号). */
  courtCaseNumber: string;
  startDate: string;
  dueDate: string;
  provisional: boolean;
  status: 'open' | 'concluded';
  conclusion?: SupervisionConclusion;
  escalatedAt?: Date;
  nextRemindAt: Date | null;
  nextStepOffset: number | null;
  createdBy: Actor;
  createdAt: Date;
}

/** A process that took the conclusion and died before writing it holds it this long. */
export const CONCLUDE_LEASE_MS = 30_000;

/** The 非诉执行监督 cases (collection `court_supervision_cases`), unique by number. */
export interface CourtSupervisionStore {
  insert(record: CourtSupervisionCase): Promise<void>;
  find(number: string): Promise<CourtSupervisionCase | null>;
  /** The agency's cases, open first, then newest, at most `limit`. */
  listFor(agency: string, limit: number): Promise<CourtSupervisionCase[]>;
  /**
   * Records the conclusion of an open case exactly once (the claim `court-supervision:<number>:conclude`);
   * null when it was concluded already.
   */
  conclude(number: string, conclusion: SupervisionConclusion, now: Date): Promise<CourtSupervisionCase | null>;
  /** Adds who was told, after the notices are in the outbox. */
  recordNotified(number: string, notified: Notified[]): Promise<void>;
  dueForReminder(until: Date, limit: number): Promise<CourtSupervisionCase[]>;
  /** Moves an open case to its next reminder step unless it moved or was concluded meanwhile. */
  advanceReminder(record: CourtSupervisionCase, next: { at: Date; offset: number }, escalatedAt: Date | undefined): Promise<boolean>;
}
