import type { Actor, Outcome } from './documents';

/**
 * A 协作请求 (XZ-…): one agency asks another for 法律政策咨询, 复杂案件研究, 重点问题研讨 …
 * with a reply deadline, reminded like any deadline (`nextRemindAt`). `month` (YYYY-MM of
 * `startDate`) is written with it so counts are plain queries.
 */
export interface ConsultationRequest {
  number: string;
  from: string;
  to: string;
  category: string;
  subject: string;
  startDate: string;
  month: string;
  dueDate: string;
  provisional: boolean;
  status: 'open' | 'answered';
  answer?: Outcome;
  /** The 专题会议 it was put on the agenda of. */
  meetingNumber?: string;
  escalatedAt?: Date;
  nextRemindAt: Date | null;
  nextStepOffset: number | null;
  createdBy: Actor;
  createdAt: Date;
}

export interface ConsultationCounts {
  open: number;
  answered: number;
}

export const ANSWER_LEASE_MS = 30_000;

/** The 协作请求 (collection `consultation_requests`), unique by number. */
export interface ConsultationStore {
  insert(request: ConsultationRequest): Promise<void>;
  find(number: string): Promise<ConsultationRequest | null>;
  /** Requests the agency sent or received, open first, then newest, at most `limit`. */
  listFor(agency: string, limit: number): Promise<ConsultationRequest[]>;
  /** Open and answered requests: the agency's both ways, or the county's when no agency is given. */
  counts(agency?: string): Promise<ConsultationCounts>;
  /** Records the answer of an open request exactly once (the claim `consultation:<number>:answer`); null when answered already. */
  answer(number: string, answer: Outcome, now: Date): Promise<ConsultationRequest | null>;
  setMeeting(number: string, meetingNumber: string): Promise<void>;
  dueForReminder(until: Date, limit: number): Promise<ConsultationRequest[]>;
  advanceReminder(request: ConsultationRequest, next: { at: Date; offset: number }, escalatedAt: Date | undefined): Promise<boolean>;
}
