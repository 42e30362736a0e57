import { describe, expect, it } from 'vitest';
import { holidaysSchema } from '../../../src/config/holidays';
import { ConfigError, loadYamlFile, validate } from '../../../src/config/load';

describe('shipped holiday config', () => {
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
});
