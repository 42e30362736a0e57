import type { Actor } from './documents';

export type MeetingKind = 'liaison' | 'special';

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
  minutes?: { at: Date; by: Actor; text: string };
  nextRemindAt: Date | null;
  nextStepIndex: number | null;
  createdBy: Actor;
  createdAt: Date;
}
