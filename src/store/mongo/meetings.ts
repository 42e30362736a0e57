import type { LocalDate } from '../../kernel/time/local-date';
import type { Attendance, Cancellation, Meeting, MeetingKind, MeetingMove, MeetingStore, Minutes } from '../meetings';
import { sealedFields } from './at-rest';
import { MeetingAttendanceModel, MeetingModel } from './models/meeting';
import { bucketOf } from '../rollup-facts';
import { rollups } from './rollups';

type Row = Record<string, unknown>;

/** Sealed under the key of the organizing agency: the topic and place, the minutes (会议纪要), a cancellation's reason, and the names. */
export const MEETING_SEALING = sealedFields<Meeting>('meeting', 'createdBy.agency', [
  'topic',
  'place',
  'minutes.text',
  'minutes.by.name',
  'cancelled.reason',
  'cancelled.by.name',
  'createdBy.name',
]);
/** A 请假 reason and the person's name, under the key of the person's agency. */
export const ATTENDANCE_SEALING = sealedFields<Attendance>('meeting-attendance', 'person.agency', ['reason', 'person.name']);

export class MongoMeetingStore implements MeetingStore {
  async add(meeting: Meeting): Promise<void> {
    await rollups.around('meeting', { months: [bucketOf.meeting(meeting)] }, () => MeetingModel.create(MEETING_SEALING.seal(meeting)));
  }

  async find(number: string): Promise<Meeting | null> {
    const row = await MeetingModel.findOne({ number }).lean<Row>();
    return row && MEETING_SEALING.open(row);
  }

  async startingFrom(from: Date, skip: number, limit: number): Promise<Meeting[]> {
    return MEETING_SEALING.openAll(
      await MeetingModel.find({ startsAt: { $gte: from }, 'cancelled.at': { $exists: false } })
        .sort({ startsAt: 1, number: 1 })
        .skip(skip)
        .limit(limit)
        .lean<Row[]>(),
    );
  }

  async remindersDue(at: Date, limit: number): Promise<Meeting[]> {
    return MEETING_SEALING.openAll(
      await MeetingModel.find({ nextRemindAt: { $lte: at } })
        .sort({ nextRemindAt: 1 })
        .limit(limit)
        .lean<Row[]>(),
    );
  }

  async moveReminder(number: string, fromIndex: number | null, next: Pick<Meeting, 'nextRemindAt' | 'nextStepIndex'>): Promise<void> {
    await MeetingModel.updateOne({ number, nextStepIndex: fromIndex }, { $set: next });
  }

  async recordMinutes(number: string, minutes: Minutes): Promise<boolean> {
    return this.changeCounted(number, (owner) =>
      MeetingModel.updateOne({ number, 'minutes.at': { $exists: false } }, { $set: MEETING_SEALING.sealSet({ minutes }, owner) }),
    );
  }

  async reschedule(number: string, from: Pick<Meeting, 'startsAt' | 'moves'>, to: MeetingMove): Promise<boolean> {
    const meeting = await this.find(number);
    if (!meeting) return false;
    const moves = from.moves ?? 0;
    const { place, ...times } = to;
    const changed = await rollups.around('meeting', { months: [...new Set([bucketOf.meeting(meeting), bucketOf.meeting(to)])] }, () =>
      MeetingModel.updateOne(
        { number, startsAt: from.startsAt, moves: moves ? moves : { $exists: false }, 'cancelled.at': { $exists: false } },
        { $set: { ...times, ...MEETING_SEALING.sealSet({ place }, meeting.createdBy.agency), moves: moves + 1 } },
      ),
    );
    return changed.modifiedCount > 0;
  }

  async cancel(number: string, cancellation: Cancellation): Promise<boolean> {
    return this.changeCounted(number, (owner) =>
      MeetingModel.updateOne(
        { number, 'cancelled.at': { $exists: false } },
        { $set: { ...MEETING_SEALING.sealSet({ cancelled: cancellation }, owner), nextRemindAt: null, nextStepIndex: null } },
      ),
    );
  }

  /** A change the liaison-meeting figures count (held date, cancellation): its month's rollup follows it; sealed under the organizer's key. */
  private async changeCounted(number: string, change: (owner: string) => Promise<{ modifiedCount: number }>): Promise<boolean> {
    const meeting = await this.find(number);
    if (!meeting) return false;
    const changed = await rollups.around('meeting', { months: [bucketOf.meeting(meeting)] }, () => change(meeting.createdBy.agency));
    return changed.modifiedCount > 0;
  }

  async existsBetween(kind: MeetingKind, start: LocalDate, end: LocalDate): Promise<boolean> {
    return (await MeetingModel.exists({ kind, date: { $gte: start, $lte: end }, 'cancelled.at': { $exists: false } })) !== null;
  }

  async answerAttendance(attendance: Attendance): Promise<void> {
    const _id = `${attendance.number}:${attendance.person.channel}:${attendance.person.userId}`;
    // A field the answer does not have is removed, except the platform's last report, which outlives answers in the bot.
    const absent = (['reason', 'via'] as const).filter((field) => attendance[field] === undefined);
    const sealed = Object.fromEntries(Object.entries(ATTENDANCE_SEALING.seal(attendance)).filter(([, value]) => value !== undefined));
    await MeetingAttendanceModel.updateOne(
      { _id },
      { $set: sealed, ...(absent.length && { $unset: Object.fromEntries(absent.map((field) => [field, ''])) }) },
      { upsert: true },
    );
  }

  async attendance(number: string): Promise<Attendance[]> {
    return ATTENDANCE_SEALING.openAll(await MeetingAttendanceModel.find({ number }, { _id: 0, __v: 0 }).sort({ at: 1 }).lean<Row[]>());
  }
}
