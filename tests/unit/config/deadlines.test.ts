import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { deadlinesSchema } from '../../../src/config/deadlines';
import { loadYamlFile, validate } from '../../../src/config/load';

describe('deadlines.yaml', () => {
  it('deadlines.yaml validates with the documented defaults', () => {
    const config = loadYamlFile('config', 'deadlines.yaml', deadlinesSchema);
    expect(config.documents.recommendation.ordinary).toEqual({ unit: 'months', amount: 2 });
    expect(config.documents.recommendation.urgent).toEqual({ unit: 'days', amount: 15 });
    expect(config.documents.notice.ordinary).toEqual({ unit: 'days', amount: 30 });
    expect(config.documents.decision.issuer).toBe('zf');
    expect(config.documents.transfer.steps.map((s) => s.key)).toContain('police_decide');
    expect(config.clueAcceptance).toEqual({ unit: 'workingDays', amount: 15 });
  });

  it('a period that is neither months, days nor working days', () => {
    const raw = parse(readFileSync('config/deadlines.yaml', 'utf8'));
    expect(() => validate('deadlines.yaml', deadlinesSchema, raw)).not.toThrow();
    raw.documents.notice.ordinary = { weeks: 4 };
    expect(() => validate('deadlines.yaml', deadlinesSchema, raw)).toThrow(/^deadlines\.yaml: documents\.notice\.ordinary: /);
  });
});
