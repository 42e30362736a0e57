import { z } from 'zod';
import { timeOfDay } from './time-of-day';

const days = z.number().int().min(1).max(366);

const halfYearSchema = z
  .strictObject({ fromMonth: z.number().int().min(1).max(12), toMonth: z.number().int().min(1).max(12) })
  .refine((p) => p.fromMonth <= p.toMonth, 'fromMonth must not be after toMonth');

/** When the reminders of an item with a deadline go out; a document kind may set its own (config/deadlines.yaml). */
const restDayRule = z.enum(['earlier', 'later', 'same']);

export const deadlineReminderRulesSchema = z.strictObject({
  time: timeOfDay,
  daysBefore: z.array(days).min(1),
  onDueDay: z.boolean(),
  overdueEveryDays: days,
  /** Where a step that falls on a rest day goes, per kind of step: the working day before, after, or that day. */
  onRestDay: z.strictObject({ before: restDayRule, due: restDayRule, escalation: restDayRule, overdue: restDayRule }),
});

/** config/reminders.yaml: when deadline and meeting reminders go out (Asia/Shanghai). */
export const remindersSchema = z.strictObject({
  deadlines: deadlineReminderRulesSchema.extend({
    /** A reminder sent this many minutes after its time (e.g. after downtime) is marked late. */
    lateAfterMinutes: z.number().int().min(1),
  }),
  meetings: z.strictObject({
    liaison: z.strictObject({
      periods: z.array(halfYearSchema).min(1),
      nagDaysBeforeEnd: days,
      nagEveryDays: days,
      nagTime: timeOfDay,
    }),
    reminders: z.strictObject({
      daysBefore: z.array(days),
      time: timeOfDay,
      onDayTime: timeOfDay,
    }),
  }),
});

export type RemindersConfig = z.infer<typeof remindersSchema>;
