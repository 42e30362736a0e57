import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadYamlFile, validate } from '../../../src/config/load';
import { sharingSchema } from '../../../src/config/sharing';

const raw = () => parse(readFileSync('config/sharing.yaml', 'utf8'));

describe('shipped sharing config', () => {
  it('sharing.yaml validates with the documented defaults', () => {
    const config = loadYamlFile('config', 'sharing.yaml', sharingSchema);
    expect(config.fileAccess).toEqual({ answerPeriod: { unit: 'workingDays', amount: 3 }, defaultDays: 7, maxDays: 30 });
    expect(config.courtSupervision.rulings).toEqual(['不予受理', '不予执行', '中止执行', '终结本次执行', '终结执行']);
    expect(config.bulletin).toEqual({ dueDay: 5, remindTime: '09:00' });
  });

  it('refuses a default link period longer than the maximum, and a due day past the 28th, naming the key', () => {
    const config = raw();
    expect(() => validate('sharing.yaml', sharingSchema, { ...config, fileAccess: { ...config.fileAccess, defaultDays: 31 } })).toThrow(/fileAccess/);
    expect(() => validate('sharing.yaml', sharingSchema, { ...config, bulletin: { ...config.bulletin, dueDay: 31 } })).toThrow(/bulletin\.dueDay/);
  });
});
