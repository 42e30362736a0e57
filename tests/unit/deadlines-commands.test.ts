import { describe, expect, it } from 'vitest';
import { Refusal } from '../../src/domain/errors';
import { parseRegistrationArgs } from '../../src/domain/documents/registration-args';
import { parseMinutes, parseScheduleArgs } from '../../src/domain/meetings/command-args';

describe('one-line registration', () => {
  it('reads 文号, unit, date, 紧急 and a custom 期限 in any order after the positionals', () => {
    expect(parseRegistrationArgs('recommendation', '嘉检建〔2026〕1号 nyncj 2026-03-02 紧急 期限 2026-03-10')).toEqual({
      kind: 'recommendation',
      reference: '嘉检建〔2026〕1号',
      recipient: 'nyncj',
      startDate: '2026-03-02',
      urgent: true,
      customDue: '2026-03-10',
    });
    expect(parseRegistrationArgs('notice', 'A号 zhzf 2026-03-02 期限：2026-04-01')).toMatchObject({
      recipient: 'zhzf',
      customDue: '2026-04-01',
      urgent: false,
    });
  });

  it('takes a transfer without a unit: it always goes to the police', () => {
    expect(parseRegistrationArgs('transfer', 'Y号 2026-06-05')).toEqual({
      kind: 'transfer',
      reference: 'Y号',
      startDate: '2026-06-05',
      urgent: false,
      customDue: undefined,
    });
  });

  it('refuses a wrong number of parts with the usage line', () => {
    expect(() => parseRegistrationArgs('recommendation', 'A号 nyncj')).toThrow(Refusal);
    expect(() => parseRegistrationArgs('transfer', 'Y号 gaj 2026-06-05')).toThrow(/登记移送案件 <文号>/);
  });
});

describe('meeting commands', () => {
  it('reads time, place, topic and invited units', () => {
    expect(parseScheduleArgs('安排联席会议', '2026-06-20 09:30 三楼会议室 上半年 工作通报 邀请:nyncj，jsj')).toEqual({
      when: '2026-06-20 09:30',
      place: '三楼会议室',
      topic: '上半年 工作通报',
      invited: ['nyncj', 'jsj'],
    });
    expect(() => parseScheduleArgs('安排联席会议', '2026-06-20 09:30')).toThrow(Refusal);
  });

  it('takes follow-up lines out of the minutes', () => {
    expect(parseMinutes('通报情况\n跟进：nyncj 2026-07-10 排查排污口\n其他要点')).toEqual({
      text: '通报情况\n其他要点',
      followups: [{ owner: 'nyncj', dueDate: '2026-07-10', text: '排查排污口' }],
    });
    expect(() => parseMinutes('跟进：nyncj 排查')).toThrow(/格式不对/);
  });
});
