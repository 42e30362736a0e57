import { daysBetween, type LocalDate } from '../../kernel/time/local-date';
import { localDateOf, localTimeOf } from '../../kernel/time/local-time';
import { restDaysBefore, type WorkingCalendar } from './calendar';
import { countWorkingDays } from './count';
import { dueIn } from './due-words';

// More rest days than a weekend right before the due date: it falls on the first day after a holiday.
const WEEKEND = 2;

/**
 * Where an item stands on `today`, the day as people say it (明天, 8天后: dueIn) and the working days
 * left where they differ ("8天后（2026-10-08，节后首个工作日）到期，还剩 1 个工作日").
 */
export function countdown(due: LocalDate, today: LocalDate, calendar: WorkingCalendar): string {
  const days = daysBetween(today, due);
  if (days <= 0) return dueIn(due, days);
  const afterHoliday = restDaysBefore(due, calendar) > WEEKEND ? '，节后首个工作日' : '';
  const working = countWorkingDays(today, due, calendar);
  return `${dueIn(due, days, afterHoliday)}${working === days ? '' : `，还剩 ${working} 个工作日`}`;
}

/** Said by a reminder that goes out after its planned time (downtime, an item registered late). */
export function lateNote(plannedAt: Date): string {
  return `\n（补发：此提醒原定 ${localDateOf(plannedAt)} ${localTimeOf(plannedAt)} 发送。）`;
}
