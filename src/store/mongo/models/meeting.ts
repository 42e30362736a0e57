import mongoose, { Schema } from 'mongoose';
import { MEETING_KINDS, type Attendance, type Meeting } from '../../meetings';

const actor = { channel: String, userId: String, name: String, agency: String };

const schema = new Schema<Meeting>({
  number: { type: String, required: true },
  kind: { type: String, enum: MEETING_KINDS, required: true },
  startsAt: { type: Date, required: true },
  date: { type: String, required: true },
  place: { type: String, required: true },
  topic: { type: String, default: '' },
  invited: { type: [String], default: [] },
  minutes: { at: Date, by: actor, text: String, heldOn: String },
  cancelled: { at: Date, by: actor, reason: String },
  nextRemindAt: { type: Date, default: null },
  nextStepIndex: { type: Number, default: null },
  createdBy: actor,
  createdAt: { type: Date, required: true },
});
schema.index({ number: 1 }, { unique: true });
schema.index({ nextRemindAt: 1 });
schema.index({ kind: 1, date: 1 });
schema.index({ startsAt: 1 });

export const MeetingModel = mongoose.model<Meeting>('Meeting', schema, 'meetings');

/** One row per meeting and person (`_id` = `<number>:<channel>:<userId>`): a later answer replaces it. */
const attendanceSchema = new Schema<Attendance & { _id: string }>({
  _id: { type: String, required: true },
  number: { type: String, required: true },
  person: actor,
  answer: { type: String, enum: ['attend', 'leave'], required: true },
  reason: String,
  at: { type: Date, required: true },
});
attendanceSchema.index({ number: 1, at: 1 });

export const MeetingAttendanceModel = mongoose.model<Attendance & { _id: string }>('MeetingAttendance', attendanceSchema, 'meeting_attendance');
