import { describe, expect, it } from 'vitest';
import type { DeadlineDocument } from '../../../../src/store/documents';
import { documentAgendaTimes } from '../../../../src/store/mongo/documents';

const ACTOR = { channel: 'console', userId: 'u', name: '某人', agency: 'sfj' };
const CREATED = new Date('2026-03-02T02:00:00Z');
const REMIND = new Date('2026-03-20T01:00:00Z');

function doc(extra: Partial<DeadlineDocument> = {}): DeadlineDocument {
  return {
    number: 'TZ-2026-0001',
    kind: 'notice',
    reference: '嘉司监通〔2026〕1号',
    issuer: 'sfj',
    recipient: 'nyncj',
    urgent: false,
    startDate: '2026-03-02',
    customDue: false,
    dueDate: '2026-04-01',
    provisional: false,
    status: 'open',
    nextRemindAt: REMIND,
    nextStepOffset: -7,
    createdBy: ACTOR,
    createdAt: CREATED,
    ...extra,
  };
}

describe('documentAgendaTimes', () => {
  it('files a new open document for its next reminder and for its placing on the ladder at once', () => {
    expect(documentAgendaTimes(doc())).toEqual({ remind: REMIND, ladder: CREATED });
  });

  it('files the ladder at its next step, and nothing once at the top', () => {
    const red = new Date('2026-04-02T01:00:00Z');
    expect(documentAgendaTimes(doc({ ladder: { due: '2026-04-01', level: 'yellow', nextAt: red } })).ladder).toEqual(red);
    expect(documentAgendaTimes(doc({ ladder: { due: '2026-04-01', level: 'bulletin', nextAt: null } })).ladder).toBeUndefined();
  });

  it('files the signing deadline until signed for or escalated', () => {
    const signBy = new Date('2026-03-04T09:00:00Z');
    expect(documentAgendaTimes(doc({ signBy })).sign).toEqual(signBy);
    expect(documentAgendaTimes(doc({ signBy, receipt: { at: CREATED, by: ACTOR } })).sign).toBeUndefined();
    expect(documentAgendaTimes(doc({ signBy, receiptEscalatedAt: CREATED })).sign).toBeUndefined();
  });

  it('files nothing for a replied, closed document', () => {
    const reply = { at: CREATED, by: ACTOR, text: '已回复', late: false };
    expect(documentAgendaTimes(doc({ status: 'closed', reply, nextRemindAt: null, nextStepOffset: null, signBy: CREATED }))).toEqual({});
  });
});
