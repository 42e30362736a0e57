import mongoose, { Schema } from 'mongoose';
import { MEETING_KINDS, type Attendance, type Meeting } from '../../meetings';

/** The name is sealed at rest (src/store/mongo/at-rest.ts sealedFields): a Mixed value. */
const actor = { channel: String, userId: String, name: Schema.Types.Mixed, agency: String };

const schema = new Schema<Meeting>({
  number: { type: String, required: true },
  kind: { type: String, enum: MEETING_KINDS, required: true },
  startsAt: { type: Date, required: true },
  date: { type: String, required: true },
  place: { type: Schema.Types.Mixed, required: true },
  topic: { type: Schema.Types.Mixed, default: '' },
  invited: { type: [String], default: [] },
  minutes: { at: Date, by: actor, text: Schema.Types.Mixed, heldOn: String },
  cancelled: { at: Date, by: actor, reason: Schema.Types.Mixed },
  nextRemindAt: { type: Date, default: null },
  nextStepIndex: { type: Number, default: null },
  moves: Number,
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
  reason: Schema.Types.Mixed,
  at: { type: Date, required: true },
  via: { type: String, enum: ['platform'] },
  platformAnswer: { type: String, enum: ['attend', 'leave'] },
});
attendanceSchema.index({ number: 1, at: 1 });

export const MeetingAttendanceModel = mongoose.model<Attendance & { _id: string }>('MeetingAttendance', attendanceSchema, 'meeting_attendance');
