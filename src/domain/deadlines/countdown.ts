import { daysBetween, type LocalDate } from '../../kernel/time/local-date';
import { localDateOf, localTimeOf } from '../../kernel/time/local-time';
import { restDaysBefore, type WorkingCalendar } from './calendar';
import { countWorkingDays } from './count';
import { relativeDay } from './step-words';

// More rest days than a weekend right before the due date: it falls on the first day after a holiday.
const WEEKEND = 2;

/**
 * Where an item stands on `today`, in working days where they differ from calendar days
 * ("还剩 1 个工作日（8 天，含休息日）", "节后首个工作日"), and 今天/明天/后天 for the nearest days.
 */
export function countdown(due: LocalDate, today: LocalDate, calendar: WorkingCalendar): string {
  const days = daysBetween(today, due);
  if (days < 0) return `已于 ${due} 到期，现已逾期 ${-days} 天`;
  if (days === 0) return `今天（${due}）到期`;
  const afterHoliday = restDaysBefore(due, calendar) > WEEKEND;
  const working = countWorkingDays(today, due, calendar);
  const left = working === days ? `还剩 ${days} 天` : `还剩 ${working} 个工作日（${days} 天，含休息日）`;
  if (days <= 2) return `${relativeDay(days)}（${due}${afterHoliday ? '，节后首个工作日' : ''}）到期，${left}`;
  return `将于 ${due}${afterHoliday ? '（节后首个工作日）' : ' '}到期，${left}`;
}

/** Said by a reminder that goes out after its planned time (downtime, an item registered late). */
export function lateNote(plannedAt: Date): string {
  return `\n（补发：此提醒原定 ${localDateOf(plannedAt)} ${localTimeOf(plannedAt)} 发送。）`;
}
