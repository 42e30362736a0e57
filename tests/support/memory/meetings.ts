import type { Attendance, Cancellation, Meeting, MeetingKind, MeetingMove, MeetingStore, Minutes } from '../../../src/store/meetings';

const byTime = (time: (m: Meeting) => Date) => (a: Meeting, b: Meeting) => time(a).getTime() - time(b).getTime();

/** Meetings in a Map by number (unique, as in the collection): for unit tests only. */
export class MemoryMeetingStore implements MeetingStore {
  readonly meetings = new Map<string, Meeting>();
  readonly answers = new Map<string, Attendance>();

  async add(meeting: Meeting): Promise<void> {
    if (this.meetings.has(meeting.number)) throw new Error(`duplicate meeting number ${meeting.number}`);
    this.meetings.set(meeting.number, structuredClone(meeting));
  }

  async find(number: string): Promise<Meeting | null> {
    const meeting = this.meetings.get(number);
    return meeting ? structuredClone(meeting) : null;
  }

  async startingFrom(from: Date, skip: number, limit: number): Promise<Meeting[]> {
    return this.select(
      (m) => m.startsAt >= from && !m.cancelled,
      byTime((m) => m.startsAt),
      skip + limit,
    ).slice(skip);
  }

  async remindersDue(at: Date, limit: number): Promise<Meeting[]> {
    return this.select(
      (m) => m.nextRemindAt !== null && m.nextRemindAt <= at,
      byTime((m) => m.nextRemindAt!),
      limit,
    );
  }

  async moveReminder(number: string, fromIndex: number | null, next: Pick<Meeting, 'nextRemindAt' | 'nextStepIndex'>): Promise<void> {
    const meeting = this.meetings.get(number);
    if (meeting && meeting.nextStepIndex === fromIndex) Object.assign(meeting, structuredClone(next));
  }

  async recordMinutes(number: string, minutes: Minutes): Promise<boolean> {
    const meeting = this.meetings.get(number);
    if (!meeting || meeting.minutes) return false;
    meeting.minutes = structuredClone(minutes);
    return true;
  }

  async reschedule(number: string, from: Pick<Meeting, 'startsAt' | 'moves'>, to: MeetingMove): Promise<boolean> {
    const meeting = this.meetings.get(number);
    if (!meeting || meeting.cancelled || meeting.startsAt.getTime() !== from.startsAt.getTime() || meeting.moves !== from.moves) return false;
    Object.assign(meeting, structuredClone(to), { moves: (from.moves ?? 0) + 1 });
    return true;
  }

  async cancel(number: string, cancellation: Cancellation): Promise<boolean> {
    const meeting = this.meetings.get(number);
    if (!meeting || meeting.cancelled) return false;
    Object.assign(meeting, { cancelled: structuredClone(cancellation), nextRemindAt: null, nextStepIndex: null });
    return true;
  }

  async existsBetween(kind: MeetingKind, start: string, end: string): Promise<boolean> {
    return [...this.meetings.values()].some((m) => m.kind === kind && start <= m.date && m.date <= end && !m.cancelled);
  }

  async answerAttendance(attendance: Attendance): Promise<void> {
    const key = `${attendance.number}:${attendance.person.channel}:${attendance.person.userId}`;
    const platformAnswer = this.answers.get(key)?.platformAnswer;
    this.answers.delete(key);
    this.answers.set(key, structuredClone({ ...(platformAnswer && { platformAnswer }), ...attendance }));
  }

  async attendance(number: string): Promise<Attendance[]> {
    return [...this.answers.values()].filter((a) => a.number === number).map((a) => structuredClone(a));
  }

  private select(keep: (m: Meeting) => boolean, order: (a: Meeting, b: Meeting) => number, limit: number): Meeting[] {
    return [...this.meetings.values()]
      .filter(keep)
      .sort(order)
      .slice(0, limit)
      .map((m) => structuredClone(m));
  }
}
