import { addDays, daysBetween, daysInMonth, parseLocalDate, yearOf, type LocalDate } from '../../kernel/time/local-date';
import { instantAt, localDateOf } from '../../kernel/time/local-time';
import { onOrPreviousWorkingDay, type WorkingCalendar } from '../deadlines/calendar';

/** config/reminders.yaml `meetings.liaison`. */
export interface LiaisonRules {
  periods: readonly { fromMonth: number; toMonth: number }[];
  nagDaysBeforeEnd: number;
  nagEveryDays: number;
  nagTime: string;
}

/** config/reminders.yaml `meetings.reminders`. */
export interface MeetingReminderRules {
  daysBefore: readonly number[];
  time: string;
  onDayTime: string;
}

/** One period in which a 联席会议 is due, e.g. 2026-01-01 … 2026-06-30. */
export interface MeetingPeriod {
  key: string;
  label: string;
  start: LocalDate;
  end: LocalDate;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

export function periodContaining(date: LocalDate, rules: LiaisonRules): MeetingPeriod | null {
  const year = yearOf(date);
  const month = Number(date.slice(5, 7));
  const period = rules.periods.find((p) => p.fromMonth <= month && month <= p.toMonth);
  if (!period) return null;
  return {
    key: `${year}-${pad2(period.fromMonth)}`,
    label: `${year}年${period.fromMonth}–${period.toMonth}月`,
    start: parseLocalDate(`${year}-${pad2(period.fromMonth)}-01`),
    end: parseLocalDate(`${year}-${pad2(period.toMonth)}-${pad2(daysInMonth(year, period.toMonth))}`),
  };
}

/** The latest nag due at `at` (weekly from N days before the period ends), or null outside the window. */
export function latestNag(at: Date, rules: LiaisonRules): { period: MeetingPeriod; date: LocalDate; at: Date } | null {
  const period = periodContaining(localDateOf(at), rules);
  if (!period) return null;
  const windowStart = addDays(period.end, -rules.nagDaysBeforeEnd);
  const elapsed = daysBetween(windowStart, localDateOf(at));
  if (elapsed < 0) return null;
  let date = addDays(windowStart, elapsed - (elapsed % rules.nagEveryDays));
  if (instantAt(date, rules.nagTime) > at) {
    if (date === windowStart) return null;
    date = addDays(date, -rules.nagEveryDays);
  }
  return { period, date, at: instantAt(date, rules.nagTime) };
}

export interface MeetingReminderStep {
  index: number;
  key: string;
  at: Date;
}

/**
 * Reminders of a meeting on `date`: N days before at `time` — on the last working day before it when
 * that day is a rest day — then on the day at `onDayTime`.
 */
export function meetingReminderSteps(date: LocalDate, rules: MeetingReminderRules, calendar: WorkingCalendar): MeetingReminderStep[] {
  const before = [...new Set(rules.daysBefore)]
    .sort((a, b) => b - a)
    .map((days) => ({ key: `m-${days}`, at: instantAt(onOrPreviousWorkingDay(addDays(date, -days), calendar), rules.time) }));
  return [...before, { key: 'm0', at: instantAt(date, rules.onDayTime) }].map((step, index) => ({ ...step, index }));
}
