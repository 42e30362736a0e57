import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { deadlinesSchema } from '../../../../src/config/deadlines';
import { DocumentKinds } from '../../../../src/domain/documents/kinds';
import type { Person, Role } from '../../../../src/kernel/people';
import { configured } from '../../../support/document-kinds';

const { config, org, kinds } = configured();
const person = (agency: string, roles: Role[] = ['officer']): Person => ({ channel: 'console', userId: `${agency}-x`, name: '某人', agency, roles });

describe('the shipped kinds', () => {
  it('are registered by four chat commands, whose usage lines follow from the declaration', () => {
    expect(kinds.registrable.map((kind) => kind.command.usage)).toEqual([
      '登记检察建议 <文号> <被建议单位> <送达日期 YYYY-MM-DD> [紧急] [期限 YYYY-MM-DD]',
      '登记监督通知书 <文号> <被监督单位> <送达日期 YYYY-MM-DD> [期限 YYYY-MM-DD]',
      '登记监督决定书 <文号> <被监督单位> <送达日期 YYYY-MM-DD> [期限 YYYY-MM-DD]',
      '登记移送案件 <文号> <移送日期 YYYY-MM-DD> [期限 YYYY-MM-DD]',
    ]);
    expect(kinds.get('recommendation').urgentQuestion).toBe('是否为诉前紧急情形（损害仍在扩大，期限15日）？');
  });

  it('include the rectification item and the meeting follow-up, created from their records', () => {
    expect(kinds.from('inspection')).toMatchObject({ key: 'rectification', name: '整改事项', numberPrefix: 'ZG', closedBy: 'correction' });
    expect(kinds.from('inspection').escalation).toEqual(['约谈责任单位并在下次联席会议通报']);
    expect(kinds.from('meeting')).toMatchObject({ key: 'followup', name: '会议跟进事项', referenceLabel: '事项', closedBy: 'reply' });
    expect(kinds.from('meeting').numberPrefix).toBeUndefined();
    expect(kinds.documents.map((kind) => kind.key)).toEqual(['recommendation', 'notice', 'decision', 'transfer', 'followup']);
  });

  it('are reminded by the default deadline reminders', () => {
    const { time, daysBefore, onDueDay, overdueEveryDays, onRestDay } = config.reminders.deadlines;
    for (const kind of kinds.all) expect(kind.reminders, kind.key).toEqual({ time, daysBefore, onDueDay, overdueEveryDays, onRestDay });
  });
});

describe('who issues, registers and receives', () => {
  it('the issuer registers; the justice bureau also the 决定书 the government issues at its request; any enforcement unit a transfer', () => {
    const [recommendation, notice, decision, transfer] = kinds.registrable;
    expect(kinds.mayRegister(recommendation!, person('jcy'))).toBe(true);
    expect(kinds.mayRegister(recommendation!, person('nyncj'))).toBe(false);
    expect(kinds.mayRegister(notice!, person('sfj'))).toBe(true);
    expect(kinds.mayRegister(decision!, person('sfj'))).toBe(true);
    expect(kinds.mayRegister(decision!, person('zf'))).toBe(true);
    expect(kinds.mayRegister(decision!, person('jcy'))).toBe(false);
    expect(kinds.mayRegister(transfer!, person('zhzf'))).toBe(true);
    expect(kinds.mayRegister(transfer!, person('sfj'))).toBe(false);
    expect(kinds.registrantName(recommendation!)).toBe('县人民检察院');
    expect(kinds.registrantName(transfer!)).toBe('行政执法单位');
  });

  it('names the issuer: the configured agency, or the registering unit when any of a kind may issue', () => {
    expect(kinds.issuerFor(kinds.get('decision'), person('sfj'))).toBe('zf');
    expect(kinds.issuerFor(kinds.get('transfer'), person('zhzf'))).toBe('zhzf');
    expect(kinds.issuerFor(kinds.get('rectification'), person('jw'))).toBe('jw');
  });

  it('sends a transfer to the police, the rest to the unit chosen by code or name', () => {
    expect(kinds.recipientFor(kinds.get('transfer'), 'nyncj')).toBe(org.part('police'));
    expect(kinds.recipientFor(kinds.get('notice'), '县农业农村局')).toBe('nyncj');
  });

  it('lets the issuing side act: the issuer, and the justice bureau for a 决定书 or a rectification item', () => {
    expect(kinds.isIssuerSide('decision', 'zf', person('sfj'))).toBe(true);
    expect(kinds.isIssuerSide('notice', 'sfj', person('zf'))).toBe(false);
    expect(kinds.isIssuerSide('rectification', 'jw', person('sfj'))).toBe(true);
    expect(kinds.isIssuerSide('rectification', 'jw', person('jcy'))).toBe(false);
  });

  it('shows a document to both sides, to the supervising agencies and the government; other units not even to their leaders', () => {
    const doc = { kind: 'recommendation', issuer: 'jcy', recipient: 'nyncj' };
    expect(kinds.mayView(doc, person('nyncj'))).toBe(true);
    expect(kinds.mayView(doc, person('sfj'))).toBe(true);
    expect(kinds.mayView(doc, person('zf'))).toBe(true);
    expect(kinds.mayView(doc, person('zhzf'))).toBe(false);
    expect(kinds.mayView(doc, person('zhzf', ['leader']))).toBe(false);
  });
});

describe('procedures and kinds no longer configured', () => {
  it('names the step a transfer is in, the filing decision until another starts', () => {
    const transfer = kinds.get('transfer');
    expect(kinds.stepName(transfer, undefined)).toBe('公安机关决定是否立案');
    expect(kinds.stepName(transfer, 'reconsider_request')).toBe('移送单位提请复议');
    expect(kinds.stepName(transfer, 'gone')).toBe('公安机关决定是否立案');
  });

  it('keeps a document of a retired kind readable and reminded by default, and registrable by nobody', () => {
    const retired = kinds.get('circular');
    expect(retired).toMatchObject({ name: 'circular', closedBy: 'reply', referenceLabel: '文号' });
    expect(retired.reminders.daysBefore).toEqual(config.reminders.deadlines.daysBefore);
    expect(kinds.all.map((kind) => kind.key)).not.toContain('circular');
    expect(kinds.mayRegister(retired, person('jcy'))).toBe(false);
  });
});

describe('a kind of its own', () => {
  it('takes its own reminder days over the defaults, and a label for its recipient', () => {
    const raw = parse(readFileSync('config/deadlines.yaml', 'utf8'));
    raw.documents.supervision = {
      name: '督办函',
      numberPrefix: 'DB',
      issuer: 'justice',
      recipientLabel: '被督办单位',
      ordinary: { workingDays: 10 },
      reminders: { daysBefore: [3, 1] },
      escalation: ['报告县政府'],
      register: { command: '登记督办函' },
    };
    const custom = new DocumentKinds(deadlinesSchema.parse(raw).documents, config.reminders.deadlines, org);
    const own = custom.registrable.find((kind) => kind.key === 'supervision')!;
    expect(own.reminders).toMatchObject({ time: '09:00', daysBefore: [3, 1], onDueDay: true, overdueEveryDays: 7 });
    expect(own.command.usage).toBe('登记督办函 <文号> <被督办单位> <送达日期 YYYY-MM-DD> [期限 YYYY-MM-DD]');
    expect(custom.mayRegister(own, person('sfj'))).toBe(true);
    expect(custom.issuerFor(own, person('sfj'))).toBe('sfj');
  });
});
