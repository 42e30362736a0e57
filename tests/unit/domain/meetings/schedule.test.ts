import { describe, expect, it } from 'vitest';
import { parseLocalDate } from '../../../../src/domain/deadlines';
import { latestNag, meetingReminderSteps, periodContaining, type LiaisonRules } from '../../../../src/domain/meetings/schedule';

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
  it('go 7 and 1 days before at 09:00 and at 08:30 on the day', () => {
    const steps = meetingReminderSteps(parseLocalDate('2026-06-20'), { daysBefore: [1, 7], time: '09:00', onDayTime: '08:30' });
    expect(steps.map((s) => [s.key, s.at.toISOString()])).toEqual([
      ['m-7', '2026-06-13T01:00:00.000Z'],
      ['m-1', '2026-06-19T01:00:00.000Z'],
      ['m0', '2026-06-20T00:30:00.000Z'],
    ]);
  });
});
