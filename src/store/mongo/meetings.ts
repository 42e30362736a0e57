import type { LocalDate } from '../../kernel/time/local-date';
import type { Attendance, Cancellation, Meeting, MeetingKind, MeetingStore, Minutes } from '../meetings';
import { MeetingAttendanceModel, MeetingModel } from './models/meeting';
import { bucketOf } from '../rollup-facts';
import { rollups } from './rollups';

export class MongoMeetingStore implements MeetingStore {
  async add(meeting: Meeting): Promise<void> {
    await rollups.around('meeting', { months: [bucketOf.meeting(meeting)] }, () => MeetingModel.create(meeting));
  }

  find(number: string): Promise<Meeting | null> {
    return MeetingModel.findOne({ number }).lean<Meeting>();
  }

  startingFrom(from: Date, skip: number, limit: number): Promise<Meeting[]> {
    return MeetingModel.find({ startsAt: { $gte: from }, 'cancelled.at': { $exists: false } })
      .sort({ startsAt: 1, number: 1 })
      .skip(skip)
      .limit(limit)
      .lean<Meeting[]>();
  }

  remindersDue(at: Date, limit: number): Promise<Meeting[]> {
    return MeetingModel.find({ nextRemindAt: { $lte: at } })
      .sort({ nextRemindAt: 1 })
      .limit(limit)
      .lean<Meeting[]>();
  }

  async moveReminder(number: string, fromIndex: number | null, next: Pick<Meeting, 'nextRemindAt' | 'nextStepIndex'>): Promise<void> {
    await MeetingModel.updateOne({ number, nextStepIndex: fromIndex }, { $set: next });
  }

  async recordMinutes(number: string, minutes: Minutes): Promise<boolean> {
    return this.changeCounted(number, () => MeetingModel.updateOne({ number, 'minutes.at': { $exists: false } }, { $set: { minutes } }));
  }

  async cancel(number: string, cancellation: Cancellation): Promise<boolean> {
    return this.changeCounted(number, () =>
      MeetingModel.updateOne({ number, 'cancelled.at': { $exists: false } }, { $set: { cancelled: cancellation, nextRemindAt: null, nextStepIndex: null } }),
    );
  }

  /** A change the liaison-meeting figures count (held date, cancellation): its month's rollup follows it. */
  private async changeCounted(number: string, change: () => Promise<{ modifiedCount: number }>): Promise<boolean> {
    const meeting = await this.find(number);
    if (!meeting) return false;
    const changed = await rollups.around('meeting', { months: [bucketOf.meeting(meeting)] }, change);
    return changed.modifiedCount > 0;
  }

  async existsBetween(kind: MeetingKind, start: LocalDate, end: LocalDate): Promise<boolean> {
    return (await MeetingModel.exists({ kind, date: { $gte: start, $lte: end }, 'cancelled.at': { $exists: false } })) !== null;
  }

  async answerAttendance(attendance: Attendance): Promise<void> {
    const _id = `${attendance.number}:${attendance.person.channel}:${attendance.person.userId}`;
    await MeetingAttendanceModel.replaceOne({ _id }, { _id, ...attendance }, { upsert: true });
  }

  attendance(number: string): Promise<Attendance[]> {
    return MeetingAttendanceModel.find({ number }, { _id: 0, __v: 0 }).sort({ at: 1 }).lean<Attendance[]>();
  }
}
