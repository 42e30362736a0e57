import chineseDays from 'chinese-days';
import { addDays, weekdayOf, yearOf, type LocalDate } from '../../kernel/time/local-date';

/** One year of the config holiday table: statutory rest days and make-up working days (调休). */
export interface HolidayYear {
  holidays: readonly string[];
  workdays: readonly string[];
}

/** Year ('2027') → that year's arrangement, as published by the State Council. */
export type HolidayTable = Readonly<Record<string, HolidayYear>>;

/** Which days are working days, and for which years that is known rather than guessed. */
export interface WorkingCalendar {
  isWorkingDay(date: LocalDate): boolean;
  /** False for a year neither chinese-days nor the config table has data for: weekends only then. */
  hasDataFor(year: number): boolean;
}

function isWeekend(date: LocalDate): boolean {
  const weekday = weekdayOf(date);
  return weekday === 0 || weekday === 6;
}

// chinese-days answers every date, treating a year it lacks as weekends only; a year
// counts as covered only when the package lists at least one statutory holiday in it.
function packageCovers(year: number): boolean {
  return chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
}

/** chinese-days, overridden year by year by the config table (the newer source wins). */
export function createWorkingCalendar(table: HolidayTable): WorkingCalendar {
  const coverage = new Map<number, boolean>();
  const tableYears = new Map(
    Object.entries(table).map(([year, data]) => [Number(year), { holidays: new Set(data.holidays), workdays: new Set(data.workdays) }]),
  );

  function hasDataFor(year: number): boolean {
    if (tableYears.has(year)) return true;
    let covered = coverage.get(year);
    if (covered === undefined) {
      covered = packageCovers(year);
      coverage.set(year, covered);
    }
    return covered;
  }

  function isWorkingDay(date: LocalDate): boolean {
    const year = yearOf(date);
    const fromTable = tableYears.get(year);
    if (fromTable) {
      if (fromTable.workdays.has(date)) return true;
      if (fromTable.holidays.has(date)) return false;
      return !isWeekend(date);
    }
    if (hasDataFor(year)) return chineseDays.isWorkday(date);
    return !isWeekend(date);
  }

  return { isWorkingDay, hasDataFor };
}

/** The first working day on or after `date`. */
export function onOrNextWorkingDay(date: LocalDate, calendar: WorkingCalendar): LocalDate {
  let day = date;
  while (!calendar.isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

/** The last working day on or before `date`. */
export function onOrPreviousWorkingDay(date: LocalDate, calendar: WorkingCalendar): LocalDate {
  let day = date;
  while (!calendar.isWorkingDay(day)) day = addDays(day, -1);
  return day;
}

/** How many rest days come right before `date` (2 after an ordinary weekend, more after a holiday). */
export function restDaysBefore(date: LocalDate, calendar: WorkingCalendar): number {
  let count = 0;
  while (!calendar.isWorkingDay(addDays(date, -(count + 1)))) count += 1;
  return count;
}

/** What to do with something planned for a rest day: move it to the working day before, after, or keep it. */
export type RestDayRule = 'earlier' | 'later' | 'same';

/** `date` moved off rest days by `rule`. */
export function workingDayFor(date: LocalDate, rule: RestDayRule, calendar: WorkingCalendar): LocalDate {
  if (rule === 'earlier') return onOrPreviousWorkingDay(date, calendar);
  if (rule === 'later') return onOrNextWorkingDay(date, calendar);
  return date;
}
