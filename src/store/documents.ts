import type { Period } from '../kernel/time/period';

export const TRACKED_KINDS = ['recommendation', 'notice', 'decision', 'transfer', 'followup'] as const;
export type TrackedKind = (typeof TRACKED_KINDS)[number];

export interface Actor {
  channel: string;
  userId: string;
  name: string;
  agency: string;
}

export interface Outcome {
  at: Date;
  by: Actor;
  text: string;
  late: boolean;
}

/**
 * A document or follow-up item with a deadline (JY-, TZ-, JD-, YS-, HY-…-n).
 * `nextRemindAt` is the instant of its next reminder, null once closed, so the
 * scheduler's "what is due at T" is one indexed range query over due items only.
 */
export interface DeadlineDocument {
  number: string;
  kind: TrackedKind;
  /** The issuer's own reference (文号), or the follow-up's text. */
  reference: string;
  issuer: string;
  recipient: string;
  urgent: boolean;
  /** Receipt / transfer date (YYYY-MM-DD, Asia/Shanghai); the start day is not counted. */
  startDate: string;
  period?: Period;
  /** Set by the issuer instead of the configured period. */
  customDue: boolean;
  dueDate: string;
  provisional: boolean;
  status: 'open' | 'closed';
  reply?: Outcome;
  correction?: Outcome;
  escalatedAt?: Date;
  nextRemindAt: Date | null;
  /** Offset (days from due) of the reminder step at nextRemindAt. */
  nextStepOffset: number | null;
  /** For a transfer: the 令310 step under way (config `steps` key); unset = the filing decision. */
  transferStep?: string;
  meetingNumber?: string;
  createdBy: Actor;
  createdAt: Date;
}
