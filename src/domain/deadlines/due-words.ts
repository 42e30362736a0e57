import type { ReminderStep } from './reminder-steps';
import { relativeDay } from './step-words';

/**
 * A due day as people say it, from the days left until it (negative: past it): 「今天（2026-12-03）到期」,
 * 「明天（…）到期」, 「后天（…）到期」, 「5天后（…）到期」 (relativeDay), or 「已于 … 到期，现已逾期 N 天」.
 * `note` follows the date inside the brackets (「，节后首个工作日」).
 */
export function dueIn(due: string, daysLeft: number, note = ''): string {
  if (daysLeft < 0) return `已于 ${due} 到期，现已逾期 ${-daysLeft} 天`;
  return `${relativeDay(daysLeft)}（${due}${note}）到期`;
}

/** The same for a reminder step (`offset` days from the due date, negative before it). */
export function stepDue(due: string, step: Pick<ReminderStep, 'offset'>): string {
  return dueIn(due, -step.offset);
}
