/** The head of a reminder on `today`: 期限提醒 up to and on the due day, 逾期提醒 after. */
export function dueTitle(dueDate: string, today: string): string {
  return today > dueDate ? '逾期提醒' : '期限提醒';
}

/** A day ahead as people say it: 今天, 明天, 后天, then N天后. */
export function relativeDay(days: number): string {
  return ['今天', '明天', '后天'][days] ?? `${days}天后`;
}
