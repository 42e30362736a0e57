import type { Period } from '../kernel/time/period';

export interface Actor {
  channel: string;
  userId: string;
  name: string;
  agency: string;
}

export interface Outcome {
  /** When it was recorded. */
  at: Date;
  /** The day it actually happened (YYYY-MM-DD), which may be earlier; absent on older records = the day of `at`. */
  date?: string;
  by: Actor;
  text: string;
  late: boolean;
}

/** 签收: who of the receiving unit confirmed receipt, and when. Recorded once. */
export interface Receipt {
  at: Date;
  by: Actor;
}

/** The steps of the escalation ladder (config/escalation.yaml): 黄色预警, 红色预警 with the 催办通知书, the 通报 draft. */
export type LadderLevel = 'yellow' | 'red' | 'bulletin';

/** Where an unanswered item stands on the escalation ladder, for one due date. */
export interface Ladder {
  /** The due date it was climbed for; an item with another due date starts anew. */
  due: string;
  level?: LadderLevel;
  /** When its next step is due; null at the top. */
  nextAt: Date | null;
  /** The 催办通知书 issued for this due date: its number and the day it went out. */
  urge?: { number: string; on: string };
}

/**
 * A document or follow-up item with a deadline (JY-, TZ-, JD-, YS-, HY-…-n).
 * `nextRemindAt` is the instant of its next reminder, null once closed, so the
 * scheduler's "what is due at T" is one indexed range query over due items only.
 */
export interface DeadlineDocument {
  number: string;
  /** Its kind's key in config/deadlines.yaml `documents` (checked by the service, not the schema). */
  kind: string;
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
  receipt?: Receipt;
  /** A registered document not signed for by then is escalated to the issuer (once: receiptEscalatedAt). */
  signBy?: Date;
  receiptEscalatedAt?: Date;
  ladder?: Ladder;
  nextRemindAt: Date | null;
  /** Offset (days from due) of the reminder step at nextRemindAt. */
  nextStepOffset: number | null;
  /** For a transfer: the 令310 step under way (config `steps` key); unset = the filing decision. */
  transferStep?: string;
  meetingNumber?: string;
  createdBy: Actor;
  createdAt: Date;
  /** Counts changes; each change from version n is decided once (DocumentStore.applyChange). Absent before versions = 0. */
  version?: number;
}

/** A change to a document: fields to set and fields to remove. */
export interface DocumentChange {
  set: Partial<DeadlineDocument>;
  unset?: (keyof DeadlineDocument)[];
}

/** A process that took a change and died before writing it holds the change this long; then another may take it. */
export const CHANGE_LEASE_MS = 30_000;

/** The documents and follow-up items with deadlines (collection `deadline_documents`). */
export interface DocumentStore {
  /** Adds a new document; its number is unique. */
  insert(doc: DeadlineDocument): Promise<void>;
  find(number: string): Promise<DeadlineDocument | null>;
  /** The document of a kind with the issuer's reference (文号), e.g. one imported before. */
  findByReference(kind: string, reference: string): Promise<DeadlineDocument | null>;
  /** Open documents the agency issued or must answer, soonest due first, `limit` from `skip`. */
  openFor(agency: string, skip: number, limit: number): Promise<DeadlineDocument[]>;
  /** 查询: the documents started within [from, to] (YYYY-MM-DD, either open-ended), newest first, at most `limit`. */
  search(query: { from?: string; to?: string; status?: DeadlineDocument['status'] }, limit: number): Promise<DeadlineDocument[]>;
  /** Every open document due before `today`, oldest due first, then by number. */
  overdue(today: string): Promise<DeadlineDocument[]>;
  /** Open documents whose deadline is provisional (counted without a year's holidays). */
  openProvisional(): Promise<DeadlineDocument[]>;
  /** Documents whose next reminder is due by `until`, earliest first, at most `limit`. */
  dueForReminder(until: Date, limit: number): Promise<DeadlineDocument[]>;
  /**
   * Moves an open document to its next reminder step unless it was answered, rescheduled or
   * moved by another run meanwhile (its due date and step as read). Returns whether it moved.
   */
  advanceReminder(doc: DeadlineDocument, next: { at: Date; offset: number }, escalatedAt: Date | undefined): Promise<boolean>;
  /**
   * Applies a change to the document as read at `version`, exactly once: the change from a
   * version is taken by the claim `document:<number>:v<version>` (FerretDB does not apply a
   * conditional update atomically) and written with version + 1. Returns the changed document,
   * or null when another change from that version came first.
   */
  applyChange(number: string, version: number, change: DocumentChange, now: Date): Promise<DeadlineDocument | null>;
  /** Open documents not signed for by `at` (signBy passed) and not yet escalated for it, earliest first. */
  unsigned(at: Date, limit: number): Promise<DeadlineDocument[]>;
  /** Open documents with no reply whose next ladder step is due by `at`, or that have not been placed on the ladder. */
  ladderDue(at: Date, limit: number): Promise<DeadlineDocument[]>;
}
