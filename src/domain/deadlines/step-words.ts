import type { ReminderStep } from './reminder-steps';

/** 「将于 … 到期，还剩 N 天」 / 「今天（…）到期」 / 「已于 … 到期，现已逾期 N 天」 for one reminder step. */
export function stepWhen(dueDate: string, step: ReminderStep): string {
  if (step.offset < 0) return `将于 ${dueDate} 到期，还剩 ${-step.offset} 天`;
  if (step.offset === 0) return `今天（${dueDate}）到期`;
  return `已于 ${dueDate} 到期，现已逾期 ${step.offset} 天`;
}

/** The head of a reminder: 期限提醒 before and on the due day, 逾期提醒 after. */
export function stepTitle(step: ReminderStep): string {
  return step.offset > 0 ? '逾期提醒' : '期限提醒';
}

/** A day ahead as people say it: 今天, 明天, 后天, then N天后. */
export function relativeDay(days: number): string {
  return ['今天', '明天', '后天'][days] ?? `${days}天后`;
}
