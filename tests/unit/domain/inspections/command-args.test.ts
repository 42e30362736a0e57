import { describe, expect, it } from 'vitest';
import { Refusal } from '../../../../src/domain/errors';
import { parseInspectionArgs, parseProblemArgs, parseSelfInspectionArgs } from '../../../../src/domain/inspections/command-args';

describe('inspection command arguments', () => {
  it('reads a date, units in any separator and the files sampled', () => {
    expect(parseInspectionArgs('2026-11-20 nyncj、zhzf，县建设局 抽查案卷12')).toEqual({
      date: '2026-11-20',
      units: ['nyncj', 'zhzf', '县建设局'],
      filesSampled: 12,
    });
    expect(parseInspectionArgs('2026-11-20 nyncj nyncj')).toEqual({ date: '2026-11-20', units: ['nyncj'], filesSampled: 0 });
    expect(parseInspectionArgs('2026-11-20 抽查20卷 jsj').filesSampled).toBe(20);
  });

  it('refuses a registration without units', () => {
    expect(() => parseInspectionArgs('2026-11-20')).toThrow(Refusal);
    expect(() => parseInspectionArgs('')).toThrow(/登记联合巡查/);
  });

  it('reads a problem with a multi-word description', () => {
    expect(parseProblemArgs('xc-2026-0001 nyncj 2026-12-31 罚没款 未按期 追缴')).toEqual({
      inspectionNumber: 'XC-2026-0001',
      owner: 'nyncj',
      dueDate: '2026-12-31',
      text: '罚没款 未按期 追缴',
    });
    expect(() => parseProblemArgs('XC-2026-0001 nyncj 2026-12-31')).toThrow(Refusal);
  });

  it('reads a self-inspection and refuses impossible counts', () => {
    expect(parseSelfInspectionArgs('nyncj 120 8')).toEqual({ unit: 'nyncj', casesChecked: 120, unexecuted: 8 });
    expect(() => parseSelfInspectionArgs('nyncj 8 120')).toThrow(/不能大于/);
    expect(() => parseSelfInspectionArgs('nyncj 8')).toThrow(Refusal);
    expect(() => parseSelfInspectionArgs('nyncj -1 0')).toThrow(Refusal);
    expect(() => parseSelfInspectionArgs('nyncj 10 1 2')).toThrow(Refusal);
  });
});
