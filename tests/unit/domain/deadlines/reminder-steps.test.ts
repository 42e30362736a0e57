import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, firstReminderStep, nextReminderStep, parseLocalDate, type DeadlineReminderRules } from '../../../../src/domain/deadlines';

const same = { before: 'same', due: 'same', escalation: 'same', overdue: 'same' } as const;
const rules: DeadlineReminderRules = { time: '09:00', daysBefore: [15, 7, 1], onDueDay: true, overdueEveryDays: 7, onRestDay: same };
const calendar = createWorkingCalendar({});
const due = parseLocalDate('2026-03-20');

function sequence(count: number) {
  const steps = [nextReminderStep(due, null, rules, calendar)];
  while (steps.length < count) steps.push(nextReminderStep(due, steps.at(-1)!.offset, rules, calendar));
  return steps;
}

describe('deadline reminder steps', () => {
  it('go 15, 7 and 1 days before, on the due day, escalate the day after, then weekly', () => {
    expect(sequence(8).map((s) => [s.key, s.kind, s.at.toISOString()])).toEqual([
      ['d-15', 'before', '2026-03-05T01:00:00.000Z'],
      ['d-7', 'before', '2026-03-13T01:00:00.000Z'],
      ['d-1', 'before', '2026-03-19T01:00:00.000Z'],
      ['d+0', 'due', '2026-03-20T01:00:00.000Z'],
      ['d+1', 'escalation', '2026-03-21T01:00:00.000Z'],
      ['d+8', 'overdue', '2026-03-28T01:00:00.000Z'],
      ['d+15', 'overdue', '2026-04-04T01:00:00.000Z'],
      ['d+22', 'overdue', '2026-04-11T01:00:00.000Z'],
    ]);
  });

  it('follow the configured offsets, in order whatever order config lists them', () => {
    const custom = { ...rules, daysBefore: [1, 3], onDueDay: false, overdueEveryDays: 2 };
    const keys = [nextReminderStep(due, null, custom, calendar)];
    while (keys.length < 5) keys.push(nextReminderStep(due, keys.at(-1)!.offset, custom, calendar));
    expect(keys.map((s) => s.key)).toEqual(['d-3', 'd-1', 'd+1', 'd+3', 'd+5']);
  });

  it('skip the steps already past when an item is registered', () => {
    expect(firstReminderStep(due, new Date('2026-03-10T00:00:00Z'), rules, calendar).key).toBe('d-7');
    expect(firstReminderStep(due, new Date('2026-03-13T01:00:00Z'), rules, calendar).key).toBe('d-1');
    expect(firstReminderStep(due, new Date('2026-03-01T00:00:00Z'), rules, calendar).key).toBe('d-15');
  });

  it('still escalate an item registered when already overdue', () => {
    const step = firstReminderStep(due, new Date('2026-04-30T00:00:00Z'), rules, calendar);
    expect(step.kind).toBe('escalation');
  });
});
