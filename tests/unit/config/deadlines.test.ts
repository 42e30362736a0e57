import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigError, loadYamlFile, validate } from '../../src/config/load';
import { deadlinesSchema } from '../../src/config/deadlines';
import { holidaysSchema } from '../../src/config/holidays';
import { remindersSchema } from '../../src/config/reminders';

describe('shipped deadline, reminder and holiday config', () => {
  it('deadlines.yaml validates with the documented defaults', () => {
    const config = loadYamlFile('config', 'deadlines.yaml', deadlinesSchema);
    expect(config.documents.recommendation.ordinary).toEqual({ unit: 'months', amount: 2 });
    expect(config.documents.recommendation.urgent).toEqual({ unit: 'days', amount: 15 });
    expect(config.documents.notice.ordinary).toEqual({ unit: 'days', amount: 30 });
    expect(config.documents.decision.issuer).toBe('zf');
    expect(config.documents.transfer.steps.map((s) => s.key)).toContain('police_decide');
    expect(config.clueAcceptance).toEqual({ unit: 'workingDays', amount: 15 });
  });

  it('reminders.yaml validates with the documented defaults', () => {
    const config = loadYamlFile('config', 'reminders.yaml', remindersSchema);
    expect(config.deadlines).toMatchObject({ time: '09:00', daysBefore: [15, 7, 1], overdueEveryDays: 7 });
    expect(config.meetings.reminders).toEqual({ daysBefore: [7, 1], time: '09:00', onDayTime: '08:30' });
    expect(config.meetings.liaison.nagDaysBeforeEnd).toBe(30);
  });

  it('holidays.yaml validates', () => {
    expect(loadYamlFile('config', 'holidays.yaml', holidaysSchema).years).toEqual({});
  });
});

describe('bad values are refused with the key named', () => {
  it('a holiday date that does not exist', () => {
    expect(() => validate('holidays.yaml', holidaysSchema, { years: { '2027': { holidays: ['2027-02-30'] } } })).toThrow(
      /holidays\.yaml: years\.2027\.holidays\.0: must be a real date/,
    );
  });

  it('a holiday date filed under the wrong year', () => {
    expect(() => validate('holidays.yaml', holidaysSchema, { years: { '2027': { holidays: ['2028-01-01'] } } })).toThrow(ConfigError);
  });

  it('a period that is neither months, days nor working days', () => {
    const raw = parse(readFileSync('config/deadlines.yaml', 'utf8'));
    expect(() => validate('deadlines.yaml', deadlinesSchema, raw)).not.toThrow();
    raw.documents.notice.ordinary = { weeks: 4 };
    expect(() => validate('deadlines.yaml', deadlinesSchema, raw)).toThrow(/^deadlines\.yaml: documents\.notice\.ordinary: /);
  });

  it('a reminder time that is not HH:mm', () => {
    const config = loadYamlFile('config', 'reminders.yaml', remindersSchema);
    expect(() => validate('reminders.yaml', remindersSchema, { ...config, deadlines: { ...config.deadlines, time: '9am' } })).toThrow(/deadlines\.time/);
  });
});
