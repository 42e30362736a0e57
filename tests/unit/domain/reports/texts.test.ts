import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { reportsSchema } from '../../../../src/config/reports';
import { parseLocalDate } from '../../../../src/kernel/time/local-date';
import type { ClueFigures } from '../../../../src/store/reports';
import { parsePeriod } from '../../../../src/domain/reports/period';
import { bulletinText, fillSentence } from '../../../../src/domain/reports/texts';

const config = reportsSchema.parse(parse(readFileSync('config/reports.yaml', 'utf8')));
const figures = { inspections: 3, units: 5, filesSampled: 62, notices: 5, recommendations: 2, rectified: 46 };
const clues: ClueFigures = {
  jw: { submitted: 1, accepted: 1, concluded: 0, withdrawn: 0 },
  jcy: { submitted: 0, accepted: 2, concluded: 1, withdrawn: 0 },
  sfj: { submitted: 0, accepted: 0, concluded: 1, withdrawn: 0 },
};
const names: Record<string, string> = { jw: '纪委监委', jcy: '检察院', sfj: '司法局', nyncj: '县农业农村局' };

describe('the bulletin text', () => {
  it('fills the county’s own sentence word for word', () => {
    expect(fillSentence(config.bulletin.sentence, parseLocalDate('2026-11-26'), figures)).toBe(
      '截至2026年11月26日，已开展联合巡查活动3次，督查执法单位5家，县司法局制发《行政执法监督通知书》5份，县检察院发出《检察建议书》2份，整改各类问题46个。',
    );
  });

  it('refuses a sentence with an unknown placeholder', () => {
    const result = reportsSchema.safeParse({ ...config, bulletin: { ...config.bulletin, sentence: '截至{asOf}，共{cases}件。' } });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('{cases}');
  });

  it('follows the sentence with clue referrals per route and the overdue items', () => {
    const today = parseLocalDate('2026-11-26');
    const { text } = bulletinText({
      sentence: config.bulletin.sentence,
      period: parsePeriod('本年', today),
      asOf: today,
      figures,
      clues,
      overdue: {
        total: 2,
        items: [{ number: 'TZ-2026-0001', type: '行政执法监督通知书', recipient: 'nyncj', dueDate: '2026-04-10', daysOverdue: 230, escalated: true }],
      },
      nameOf: (code) => names[code] ?? code,
      routeName: (code) => names[code] ?? code,
    });
    const lines = text.split('\n');
    expect(lines[0]).toBe('【联合监督简报 2026年】2026年（2026年1月1日至2026年11月26日）');
    expect(lines[1]).toContain('整改各类问题46个。');
    expect(lines[2]).toBe('线索移送：共6条，其中移送纪委监委2条、移送检察院3条、移送司法局1条。');
    expect(lines[3]).toBe('逾期事项：当前2项。');
    expect(lines[4]).toBe('1. TZ-2026-0001 行政执法监督通知书 → 县农业农村局，到期 2026-04-10，逾期 230 天，已升级督办');
    expect(lines[5]).toContain('发送「逾期」');
  });
});
