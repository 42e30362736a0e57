import { describe, expect, it } from 'vitest';
import {
  createWorkingCalendar,
  nextReminderStep,
  onOrPreviousWorkingDay,
  parseLocalDate,
  restDaysBefore,
  workingDayFor,
  type DeadlineReminderRules,
} from '../../../../src/domain/deadlines';
import { countdown } from '../../../../src/domain/deadlines/countdown';

const calendar = createWorkingCalendar({});
const d = parseLocalDate;

describe('working-day helpers (2026 National Day: 10-01 to 10-07 off, 09-20 and 10-10 worked)', () => {
  it('move a rest day to the working day before or after, or keep it', () => {
    expect(onOrPreviousWorkingDay(d('2026-10-05'), calendar)).toBe('2026-09-30');
    expect(workingDayFor(d('2026-10-01'), 'earlier', calendar)).toBe('2026-09-30');
    expect(workingDayFor(d('2026-10-01'), 'later', calendar)).toBe('2026-10-08');
    expect(workingDayFor(d('2026-10-01'), 'same', calendar)).toBe('2026-10-01');
    expect(workingDayFor(d('2026-09-30'), 'earlier', calendar)).toBe('2026-09-30');
  });

  it('count the rest days right before a day', () => {
    expect(restDaysBefore(d('2026-10-08'), calendar)).toBe(7);
    expect(restDaysBefore(d('2026-11-30'), calendar)).toBe(2);
    expect(restDaysBefore(d('2026-12-02'), calendar)).toBe(0);
  });
});

describe('countdown', () => {
  it('counts working days where rest days lie between, and names the first day after a holiday', () => {
    expect(countdown(d('2026-10-08'), d('2026-09-30'), calendar)).toBe('将于 2026-10-08（节后首个工作日）到期，还剩 1 个工作日（8 天，含休息日）');
    expect(countdown(d('2026-12-10'), d('2026-12-07'), calendar)).toBe('将于 2026-12-10 到期，还剩 3 天');
  });

  it('says 明天 and 后天 for the nearest days, still counting working days and naming the first day after a holiday', () => {
    expect(countdown(d('2026-12-03'), d('2026-12-02'), calendar)).toBe('明天（2026-12-03）到期，还剩 1 天');
    expect(countdown(d('2026-12-03'), d('2026-12-01'), calendar)).toBe('后天（2026-12-03）到期，还剩 2 天');
    // Saturday 10-10 is a make-up working day; from Wednesday 10-07 (a holiday) 10-08 is the first working day after it.
    expect(countdown(d('2026-10-08'), d('2026-10-07'), calendar)).toBe('明天（2026-10-08，节后首个工作日）到期，还剩 1 天');
    expect(countdown(d('2026-10-08'), d('2026-10-06'), calendar)).toBe('后天（2026-10-08，节后首个工作日）到期，还剩 1 个工作日（2 天，含休息日）');
    expect(countdown(d('2026-12-07'), d('2026-12-03'), calendar)).toBe('将于 2026-12-07 到期，还剩 2 个工作日（4 天，含休息日）');
  });

  it('says due today, or how many days overdue today', () => {
    expect(countdown(d('2026-12-03'), d('2026-12-03'), calendar)).toBe('今天（2026-12-03）到期');
    expect(countdown(d('2026-10-08'), d('2026-12-03'), calendar)).toBe('已于 2026-10-08 到期，现已逾期 56 天');
  });
});

describe('reminder steps on rest days', () => {
  const rules: DeadlineReminderRules = {
    time: '09:00',
    daysBefore: [15, 7, 1],
    onDueDay: true,
    overdueEveryDays: 7,
    onRestDay: { before: 'earlier', due: 'earlier', escalation: 'later', overdue: 'later' },
  };

  it('go out on the last working day before, and escalate on the first working day after', () => {
    // Due 09-30: escalation day 10-01 is in the holiday → 10-08; the 7-day overdue step 10-07 → 10-08 too.
    const due = d('2026-09-30');
    const steps = [nextReminderStep(due, null, rules, calendar)];
    while (steps.length < 6) steps.push(nextReminderStep(due, steps.at(-1)!.offset, rules, calendar));
    expect(steps.map((s) => [s.key, s.at.toISOString()])).toEqual([
      ['d-15', '2026-09-15T01:00:00.000Z'],
      ['d-7', '2026-09-23T01:00:00.000Z'],
      ['d-1', '2026-09-29T01:00:00.000Z'],
      ['d+0', '2026-09-30T01:00:00.000Z'],
      ['d+1', '2026-10-08T01:00:00.000Z'],
      ['d+8', '2026-10-08T01:00:00.000Z'],
    ]);
    // Due 10-08: the 7-day and 1-day steps (10-01, 10-07) both go out on 09-30.
    const after = d('2026-10-08');
    const before = [nextReminderStep(after, null, rules, calendar)];
    while (before.length < 3) before.push(nextReminderStep(after, before.at(-1)!.offset, rules, calendar));
    expect(before.map((s) => [s.key, s.at.toISOString()])).toEqual([
      ['d-15', '2026-09-23T01:00:00.000Z'],
      ['d-7', '2026-09-30T01:00:00.000Z'],
      ['d-1', '2026-09-30T01:00:00.000Z'],
    ]);
  });
});
