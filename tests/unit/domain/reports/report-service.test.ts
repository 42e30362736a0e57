import { describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../../support/memory';
import { MemoryReportStore } from '../../../support/memory/reports';
import { memoryServices } from '../../../support/memory-services';
import { countyRecords } from '../../../support/report-records';

const NOW = new Date('2026-11-26T02:00:00Z'); // 2026-11-26 10:00 in Asia/Shanghai

/** The report service over memory stores holding the county records of tests/support/report-records.ts. */
function start(now = NOW) {
  const records = countyRecords();
  const base = createMemoryStores();
  base.documents.records.push(...records.documents);
  base.inspections.inspections.push(...records.inspections);
  base.inspections.items.push(...records.items);
  base.inspections.selfInspections.push(...records.selfInspections);
  const reports = new MemoryReportStore({
    documents: base.documents,
    inspections: base.inspections,
    clues: () => records.clues,
    meetings: () => records.meetings,
  });
  const domain = memoryServices({ now, stores: { ...base, reports } });
  return { ...domain, who: (userId: string) => domain.who(userId) };
}

describe('概况', () => {
  it('lists every document kind by its configured name, a meeting’s follow-ups only when there are any', async () => {
    const { reports, who } = start();
    const leader = who('sfj-leader');
    const year = (await reports.overview(leader, '2026')).text.split('\n');
    expect(year.filter((line) => line.startsWith('• ') && line.includes('份'))).toEqual([
      '• 检察建议书：2份（办理中1，逾期0，已回复1，已整改0）',
      '• 行政执法监督通知书：2份（办理中0，逾期1，已回复2，已整改1）',
      '• 行政执法监督决定书：0份（办理中0，逾期0，已回复0，已整改0）',
      '• 涉嫌犯罪案件移送（行刑衔接）：1份（办理中0，逾期1，已回复0，已整改0）',
      '• 会议跟进事项：1份（办理中0，逾期1，已回复0，已整改0）',
    ]);
    expect(year).toContain('联合巡查：2次，督查执法单位3家，抽查案卷42卷');
    expect(year).toContain('整改事项：本期巡查发现4个（未完成2，其中逾期1）；本期完成整改2个');
    expect(year).toContain('联席会议（2026年7–12月）：已召开0次，应召开1次，已安排待召开1次');
    expect((await reports.overview(leader, '2025')).text).not.toContain('会议跟进事项');
  });
});

describe('简报', () => {
  it('fills the county’s sentence, the documents counted by the kinds config/reports.yaml names', async () => {
    const { reports, who } = start();
    const { text } = await reports.bulletin(who('sfj-leader'), '2026');
    expect(text).toContain(
      '截至2026年11月26日，已开展联合巡查活动2次，督查执法单位3家，县司法局制发《行政执法监督通知书》2份，县检察院发出《检察建议书》2份，整改各类问题2个。',
    );
    expect(text).toContain('线索移送：共4条，其中移送纪委监委2条、移送检察院1条、移送司法局1条。');
    expect(text).toContain('1. TZ-2025-0001 行政执法监督通知书 → 县综合行政执法局，到期 2026-01-30，逾期 300 天，已升级督办');
    expect(text).toContain('5. ZG-2026-0003 整改事项 → 县综合行政执法局，到期 2026-11-01，逾期 25 天，待升级督办');
  });
});

describe('逾期', () => {
  it('pages documents and rectification items together, oldest due first', async () => {
    const domain = start();
    domain.config.reports.overdue.pageSize = 2;
    const firstPage = await domain.reports.overdue(domain.who('sfj-leader'), 1);
    expect(firstPage.buttons).toEqual(['逾期 第2页']);
    expect(firstPage.text).toContain('下一页：发送或点「逾期 第2页」。');
    const first = firstPage.text.split('\n');
    expect(first[0]).toBe('【逾期事项】共5项（第1/3页，按到期先后）');
    expect(first.slice(1, 3).map((line) => line.split(' ')[1])).toEqual(['TZ-2025-0001', 'TZ-2026-0001']);
    expect((await domain.reports.overdue(domain.who('sfj-leader'), 2)).text).toContain('3. HY-2026-0001-1 会议跟进事项 → 县农业农村局，到期 2026-04-30');
    expect((await domain.reports.overdue(domain.who('sfj-leader'), 3)).text.split('\n').slice(1)).toEqual([
      '5. ZG-2026-0003 整改事项 → 县综合行政执法局，到期 2026-11-01，逾期 25 天，待升级督办',
      '已是最后一页。',
    ]);
    expect((await domain.reports.overdue(domain.who('sfj-leader'), 3)).buttons).toBeUndefined();
    expect((await domain.reports.overdue(domain.who('sfj-leader'), 4)).text).toBe('逾期事项共3页，请发送「逾期 1」到「逾期 3」。');
  });
});

describe('定期通报', () => {
  it('goes to every leader once, on the first working day at 09:00, and is marked in the store', async () => {
    const { reports, stores, pushed, roster } = start(new Date('2026-12-01T01:00:00Z'));
    expect(await reports.sendRegularBulletin(new Date('2026-12-01T00:59:00Z'))).toBe(0);
    const leaders = await roster.withRole('leader');
    expect(await reports.sendRegularBulletin(new Date('2026-12-01T01:00:00Z'))).toBe(leaders.length);
    expect(await reports.sendRegularBulletin(new Date('2026-12-01T01:01:00Z'))).toBe(0);
    expect((stores.reports as MemoryReportStore).runs.has('bulletin:2026-11')).toBe(true);
    for (const leader of leaders) expect(pushed(leader.userId, '【定期通报】'), leader.userId).toHaveLength(1);
    expect(pushed('jcy-officer', '【定期通报】')).toEqual([]);
  });
});

describe('导出', () => {
  it('builds the workbook from the records the viewer may see, the discipline commission’s clues only counted outside it', async () => {
    const { reports, who, stores } = start();
    const outside = await reports.export(who('jcy-leader'), '2026');
    expect(outside.text).toContain(
      '已生成 2026年 的工作簿（线索4（纪委监委线索2条只计数量、不列明细）、文书6、会议3、联合巡查2、整改事项4、执法单位自查2、执法信息报送0）',
    );
    expect(outside.file?.name).toBe('联合监督-2026.xlsx');
    const inside = await reports.export(who('jw-leader'), '2026');
    expect(inside.text).toContain('线索4、');
    expect([...stores.reportFiles.files.values()].map((f) => f.name)).toEqual(['联合监督-2026.xlsx', '联合监督-2026.xlsx']);
  });
});
