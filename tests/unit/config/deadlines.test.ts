import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadConfig } from '../../../src/config';
import { deadlinesSchema } from '../../../src/config/deadlines';
import { loadYamlFile, validate } from '../../../src/config/load';

const shipped = () => parse(readFileSync('config/deadlines.yaml', 'utf8'));

describe('shipped deadline config', () => {
  it('deadlines.yaml validates with the documented defaults', () => {
    const config = loadYamlFile('config', 'deadlines.yaml', deadlinesSchema);
    expect(config.documents.recommendation!.ordinary).toEqual({ unit: 'months', amount: 2 });
    expect(config.documents.recommendation!.urgent).toEqual({ unit: 'days', amount: 15 });
    expect(config.documents.notice!.ordinary).toEqual({ unit: 'days', amount: 30 });
    expect(config.documents.decision!.issuer).toBe('zf');
    expect(config.documents.transfer!.steps!.map((s) => s.key)).toContain('police_decide');
    expect(config.clueAcceptance).toEqual({ unit: 'workingDays', amount: 15 });
  });
});

describe('bad values are refused with the key named', () => {
  it('a period that is neither months, days nor working days', () => {
    const raw = shipped();
    expect(() => validate('deadlines.yaml', deadlinesSchema, raw)).not.toThrow();
    raw.documents.notice.ordinary = { weeks: 4 };
    expect(() => validate('deadlines.yaml', deadlinesSchema, raw)).toThrow(/^deadlines\.yaml: documents\.notice\.ordinary: /);
  });

  it('a kind registered by command without a number prefix or a period, and an urgent period without its question', () => {
    const raw = shipped();
    delete raw.documents.notice.numberPrefix;
    delete raw.documents.decision.ordinary;
    delete raw.documents.recommendation.urgentQuestion;
    const problems = () => validate('deadlines.yaml', deadlinesSchema, raw);
    expect(problems).toThrow(/documents\.notice\.numberPrefix: a kind registered by command needs a number prefix/);
    expect(problems).toThrow(/documents\.decision\.ordinary: /);
    expect(problems).toThrow(/documents\.recommendation\.urgentQuestion: urgent and urgentQuestion go together/);
  });

  it('a number prefix or a command used twice, and a start step that is not a step', () => {
    const raw = shipped();
    raw.documents.notice.numberPrefix = 'JY';
    raw.documents.decision.register = { command: '登记检察建议' };
    raw.documents.transfer.startStep = 'arrest';
    const problems = () => validate('deadlines.yaml', deadlinesSchema, raw);
    expect(problems).toThrow(/documents\.notice\.numberPrefix: JY is already used by recommendation/);
    expect(problems).toThrow(/documents\.decision\.register: 登记检察建议 is already used by recommendation/);
    expect(problems).toThrow(/documents\.transfer\.startStep: must be the key of one of its steps/);
  });

  it('no kind, or two, created from the records that need one', () => {
    const raw = shipped();
    delete raw.documents.followup;
    raw.documents.audit = { ...raw.documents.rectification, numberPrefix: 'SJ' };
    const problems = () => validate('deadlines.yaml', deadlinesSchema, raw);
    expect(problems).toThrow(/documents: one kind must be registered from meeting/);
    expect(problems).toThrow(/documents\.audit\.register: from inspection is already used by rectification/);
  });

  it('an issuer or recipient that agencies.yaml does not know', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jsbot-config-'));
    cpSync('config', dir, { recursive: true });
    const raw = shipped();
    raw.documents.notice.issuer = 'court';
    raw.documents.transfer.recipient = 'enforcement';
    writeFileSync(join(dir, 'deadlines.yaml'), stringify(raw));
    const load = () => loadConfig({ CONFIG_DIR: dir });
    expect(load).toThrow(/deadlines\.yaml: documents\.notice\.issuer: "court" is not an agency code, a part or an agency kind/);
    expect(load).toThrow(/documents\.transfer\.recipient: "enforcement" is not an agency code or a part/);
  });
});
