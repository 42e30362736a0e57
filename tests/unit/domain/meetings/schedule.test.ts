import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, parseLocalDate } from '../../../../src/domain/deadlines';
import { latestNag, meetingReminderSteps, periodContaining, type LiaisonRules } from '../../../../src/domain/meetings/schedule';

// The 2026 holidays come with the package data (chinese-days).
const calendar = createWorkingCalendar({});

const liaison: LiaisonRules = {
  periods: [
    { fromMonth: 1, toMonth: 6 },
    { fromMonth: 7, toMonth: 12 },
  ],
  nagDaysBeforeEnd: 30,
  nagEveryDays: 7,
  nagTime: '09:00',
};

describe('half-year periods', () => {
  it('finds the half a day falls in', () => {
    expect(periodContaining(parseLocalDate('2026-03-15'), liaison)).toMatchObject({ key: '2026-01', start: '2026-01-01', end: '2026-06-30' });
    expect(periodContaining(parseLocalDate('2026-12-31'), liaison)).toMatchObject({ key: '2026-07', start: '2026-07-01', end: '2026-12-31' });
  });
});

describe('unscheduled liaison meeting nags', () => {
  it('start 30 days before the half ends, at 09:00, and repeat weekly', () => {
    expect(latestNag(new Date('2026-05-31T00:59:00Z'), liaison)).toBeNull();
    expect(latestNag(new Date('2026-05-31T01:00:00Z'), liaison)?.date).toBe('2026-05-31');
    expect(latestNag(new Date('2026-06-06T12:00:00Z'), liaison)?.date).toBe('2026-05-31');
    expect(latestNag(new Date('2026-06-07T00:30:00Z'), liaison)?.date).toBe('2026-05-31');
    expect(latestNag(new Date('2026-06-07T01:00:00Z'), liaison)?.date).toBe('2026-06-07');
    expect(latestNag(new Date('2026-06-30T15:00:00Z'), liaison)?.date).toBe('2026-06-28');
  });

  it('are silent early in the half', () => {
    expect(latestNag(new Date('2026-07-15T01:00:00Z'), liaison)).toBeNull();
  });
});

describe('meeting reminders', () => {
  const rules = { daysBefore: [1, 7], time: '09:00', onDayTime: '08:30' };

  it('go 7 and 1 days before at 09:00 and at 08:30 on the day', () => {
    const steps = meetingReminderSteps(parseLocalDate('2026-06-24'), rules, calendar);
    expect(steps.map((s) => [s.key, s.at.toISOString()])).toEqual([
      ['m-7', '2026-06-17T01:00:00.000Z'],
      ['m-1', '2026-06-23T01:00:00.000Z'],
      ['m0', '2026-06-24T00:30:00.000Z'],
    ]);
  });

  it('that fall on a rest day go on the last working day before it', () => {
    // 2026-06-13 is a Saturday and 06-19 is 端午; a confirmed meeting on Saturday 06-20 keeps its on-day reminder.
    const steps = meetingReminderSteps(parseLocalDate('2026-06-20'), rules, calendar);
    expect(steps.map((s) => [s.key, s.at.toISOString()])).toEqual([
      ['m-7', '2026-06-12T01:00:00.000Z'],
      ['m-1', '2026-06-18T01:00:00.000Z'],
      ['m0', '2026-06-20T00:30:00.000Z'],
    ]);
  });
});
