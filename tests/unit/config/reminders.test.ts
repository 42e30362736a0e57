import { describe, expect, it } from 'vitest';
import { loadYamlFile, validate } from '../../../src/config/load';
import { remindersSchema } from '../../../src/config/reminders';

describe('shipped reminder config', () => {
  it('reminders.yaml validates with the documented defaults', () => {
    const config = loadYamlFile('config', 'reminders.yaml', remindersSchema);
    expect(config.deadlines).toMatchObject({ time: '09:00', daysBefore: [15, 7, 1], overdueEveryDays: 7 });
    expect(config.meetings.reminders).toEqual({ daysBefore: [7, 1], time: '09:00', onDayTime: '08:30' });
    expect(config.meetings.liaison.nagDaysBeforeEnd).toBe(30);
  });
});

describe('bad values are refused with the key named', () => {
  it('a reminder time that is not HH:mm', () => {
    const config = loadYamlFile('config', 'reminders.yaml', remindersSchema);
    expect(() => validate('reminders.yaml', remindersSchema, { ...config, deadlines: { ...config.deadlines, time: '9am' } })).toThrow(/deadlines\.time/);
  });
});
