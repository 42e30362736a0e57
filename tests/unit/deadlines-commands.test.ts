import { describe, expect, it } from 'vitest';
import { Refusal } from '../../src/domain/errors';
import { parseMinutes, parseScheduleArgs } from '../../src/domain/meetings/command-args';

describe('meeting commands', () => {
  it('reads time, place, topic and invited units', () => {
    expect(parseScheduleArgs('安排联席会议', '2026-06-20 09:30 三楼会议室 上半年 工作通报 邀请:nyncj，jsj')).toEqual({
      when: '2026-06-20 09:30',
      place: '三楼会议室',
      topic: '上半年 工作通报',
      invited: ['nyncj', 'jsj'],
      confirmed: false,
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
