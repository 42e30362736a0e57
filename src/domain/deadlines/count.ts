import { onOrNextWorkingDay, type WorkingCalendar } from './calendar';
import { addDays, addMonths, daysBetween, yearOf, type LocalDate } from '../../kernel/time/local-date';
import { checkPeriod, type Period } from '../../kernel/time/period';

export interface Deadline {
  due: LocalDate;
  /** Some day the result depends on lies in a year without holiday data: weekends only were counted. */
  provisional: boolean;
}

function yearsFrom(from: LocalDate, to: LocalDate): number[] {
  const years: number[] = [];
  for (let year = yearOf(from); year <= yearOf(to); year += 1) years.push(year);
  return years;
}

function isProvisional(firstConsulted: LocalDate, due: LocalDate, calendar: WorkingCalendar): boolean {
  return yearsFrom(firstConsulted, due).some((year) => !calendar.hasDataFor(year));
}

export function nthWorkingDayAfter(start: LocalDate, count: number, calendar: WorkingCalendar): LocalDate {
  let day = start;
  for (let found = 0; found < count; ) {
    day = addDays(day, 1);
    if (calendar.isWorkingDay(day)) found += 1;
  }
  return day;
}

/**
 * The deadline of a period that starts on `start` (民法典 arts. 201–203): the start day is
 * not counted; a months period ends on the same-numbered day or the month's last day; a
 * calendar period whose last day is a rest day moves to the next working day.
 */
export function computeDeadline(start: LocalDate, period: Period, calendar: WorkingCalendar): Deadline {
  checkPeriod(period);
  if (period.unit === 'workingDays') {
    const due = nthWorkingDayAfter(start, period.amount, calendar);
    return { due, provisional: isProvisional(addDays(start, 1), due, calendar) };
  }
  const lastDay = period.unit === 'months' ? addMonths(start, period.amount) : addDays(start, period.amount);
  const due = onOrNextWorkingDay(lastDay, calendar);
  return { due, provisional: isProvisional(lastDay, due, calendar) };
}

/** Working days after `from` up to and including `to`; 0 when `to` is not later. */
export function countWorkingDays(from: LocalDate, to: LocalDate, calendar: WorkingCalendar): number {
  let count = 0;
  for (let offset = 1; offset <= daysBetween(from, to); offset += 1) {
    if (calendar.isWorkingDay(addDays(from, offset))) count += 1;
  }
  return count;
}
