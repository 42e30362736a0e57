import type { LocalDate } from '../kernel/time/local-date';
import type { Actor } from './documents';

/** 联席会议 (the half-yearly liaison meeting) and 专题会议 (a special one, whenever needed). */
export const MEETING_KINDS = ['liaison', 'special'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export interface Minutes {
  at: Date;
  by: Actor;
  text: string;
  /** The day the meeting was actually held (YYYY-MM-DD), as the organizer recorded it; absent in minutes recorded before it was kept. */
  heldOn?: string;
}

export interface Cancellation {
  at: Date;
  by: Actor;
  reason: string;
}

/** A 联席会议 or 专题会议 (HY-…). `nextRemindAt` drives its reminders like a deadline's. */
export interface Meeting {
  number: string;
  kind: MeetingKind;
  startsAt: Date;
  /** Local date YYYY-MM-DD, Asia/Shanghai, for period queries. */
  date: string;
  place: string;
  topic: string;
  invited: string[];
  minutes?: Minutes;
  /** 取消会议: set once; a cancelled meeting is no longer listed, reminded, answered or minuted. */
  cancelled?: Cancellation;
  nextRemindAt: Date | null;
  nextStepIndex: number | null;
  /** How often 会议改期 moved it (absent until the first move): keys of what is sent per schedule carry it. */
  moves?: number;
  createdBy: Actor;
  createdAt: Date;
}

/** An invitee's answer to a meeting notice: 参加, or 请假 with a reason. The latest answer counts. */
export interface Attendance {
  number: string;
  person: Actor;
  answer: 'attend' | 'leave';
  reason?: string;
  at: Date;
  /** Set when the answer came from the platform calendar (an accepted or declined 日程), not from the bot. */
  via?: 'platform';
  /**
   * What the platform calendar last reported for the person. Platforms report a state, not when it was given: a
   * report equal to this is nothing new (a later answer in the bot stands); a different one is a newer answer.
   */
  platformAnswer?: 'attend' | 'leave';
}

/** What 会议改期 changes. */
export type MeetingMove = Pick<Meeting, 'startsAt' | 'date' | 'place' | 'nextRemindAt' | 'nextStepIndex'>;

/** Where meetings live, unique by number. */
export interface MeetingStore {
  add(meeting: Meeting): Promise<void>;
  find(number: string): Promise<Meeting | null>;
  /** Meetings starting at or after `from` and not cancelled, soonest first. */
  startingFrom(from: Date, skip: number, limit: number): Promise<Meeting[]>;
  /** Meetings with a reminder due at or before `at`, most overdue first. */
  remindersDue(at: Date, limit: number): Promise<Meeting[]>;
  /**
   * Moves a meeting's reminder on, only while it is still at step `fromIndex`:
   * a tick that read an older state changes nothing.
   */
  moveReminder(number: string, fromIndex: number | null, next: Pick<Meeting, 'nextRemindAt' | 'nextStepIndex'>): Promise<void>;
  /** Records the minutes unless the meeting has some; whether they were recorded. */
  recordMinutes(number: string, minutes: Minutes): Promise<boolean>;
  /**
   * 会议改期: sets the new time, place and first reminder and counts the move, only while the meeting is not cancelled
   * and still as `from` was read (same start, same number of moves); whether it moved now.
   */
  reschedule(number: string, from: Pick<Meeting, 'startsAt' | 'moves'>, to: MeetingMove): Promise<boolean>;
  /** Cancels the meeting (and its reminders) unless it was cancelled before; whether it was cancelled now. */
  cancel(number: string, cancellation: Cancellation): Promise<boolean>;
  /** Whether a meeting of `kind`, not cancelled, is on a date in [start, end]. */
  existsBetween(kind: MeetingKind, start: LocalDate, end: LocalDate): Promise<boolean>;
  /** Records a person's answer, replacing their earlier one (one row per meeting and person); the platform's last report is kept unless given. */
  answerAttendance(attendance: Attendance): Promise<void>;
  /** Every answer to a meeting, earliest first. */
  attendance(number: string): Promise<Attendance[]>;
}
