import { describe, expect, it } from 'vitest';
import { TableImportError } from '../../../../src/domain/imports/table-file';
import { parseImportFile } from '../../../../src/domain/inspections/import-file';
import { importRows } from '../../../../src/domain/inspections/import-service';
import { memoryServices } from '../../../support/memory-services';

function start(now = new Date('2026-01-05T02:00:00Z')) {
  const domain = memoryServices({ now });
  return { ...domain, who: (userId: string) => domain.who(userId) };
}

async function withInspection() {
  const domain = start();
  const inspection = await domain.inspections.register(domain.who('sfj-officer'), {
    date: '2026-01-05',
    units: ['nyncj', '县建设局', 'nyncj'],
    filesSampled: 12,
  });
  return { ...domain, inspection };
}

describe('joint inspections', () => {
  it('are registered by the supervising agencies, with the units named once by code', async () => {
    const { inspections, inspection, who } = await withInspection();
    expect(inspection).toMatchObject({ number: 'XC-2026-0001', ref: 'XC-2026-0001', units: ['nyncj', 'jsj'], month: '2026-01', source: 'chat' });
    await expect(inspections.register(who('nyncj-liaison'), { date: '2026-01-05', units: ['jsj'], filesSampled: 0 })).rejects.toThrow('联合巡查由纪委监委');
    await expect(inspections.register(who('sfj-officer'), { date: '2026-01-06', units: ['jsj'], filesSampled: 0 })).rejects.toThrow('晚于今天');
    await expect(inspections.register(who('sfj-officer'), { date: '2026-01-05', units: ['jcy'], filesSampled: 0 })).rejects.toThrow('不是行政执法单位');
    expect((await inspections.recent()).items.map((i) => i.number)).toEqual(['XC-2026-0001']);
  });
});

describe('rectification items', () => {
  it('are numbered by their kind, told to the owner unit, listed with their inspection', async () => {
    const { inspections, inspection, who, pushed } = await withInspection();
    const item = await inspections.addProblem(who('sfj-officer'), {
      inspectionNumber: inspection.number,
      owner: 'nyncj',
      dueDate: '2026-01-20',
      text: '罚款未执行',
    });
    expect(item).toMatchObject({ number: 'ZG-2026-0001', issuer: 'sfj', owner: 'nyncj', dueMonth: '2026-01', status: 'open', nextStepOffset: -7 });
    expect(pushed('nyncj-liaison', '【整改通知】')[0]).toContain('整改编号 ZG-2026-0001');
    expect((await inspections.view(inspection.number.toLowerCase())).items.map((i) => i.number)).toEqual(['ZG-2026-0001']);
    expect(await inspections.problemCounts([inspection.number, 'XC-2026-0009'])).toEqual(new Map([[inspection.number, 1]]));
  });

  it('refuses an owner not inspected, a past due date, and a registrant outside the supervising agencies', async () => {
    const { inspections, inspection, who } = await withInspection();
    const problem = { inspectionNumber: inspection.number, owner: 'nyncj', dueDate: '2026-01-20', text: '问题' };
    await expect(inspections.addProblem(who('sfj-officer'), { ...problem, owner: 'zhzf' })).rejects.toThrow('不在 XC-2026-0001 的督查单位中');
    await expect(inspections.addProblem(who('sfj-officer'), { ...problem, dueDate: '2026-01-05' })).rejects.toThrow('必须晚于巡查日期');
    await expect(inspections.addProblem(who('nyncj-liaison'), problem)).rejects.toThrow('巡查发现的问题由纪委监委');
    await expect(inspections.addProblem(who('sfj-officer'), { ...problem, inspectionNumber: 'XC-2026-0009' })).rejects.toThrow('找不到联合巡查');
  });

  it('are closed once by the owner or the issuing side (the justice bureau included), and not by others', async () => {
    const { inspections, inspection, who, stores, pushed } = await withInspection();
    const item = await inspections.addProblem(who('jcy-officer'), { inspectionNumber: inspection.number, owner: 'nyncj', dueDate: '2026-01-20', text: '问题' });
    await expect(inspections.close(who('zhzf-liaison'), item.number, '试图销号')).rejects.toThrow('找不到您可销号的整改事项');
    await expect(inspections.close(who('jw-officer'), item.number, '试图销号')).rejects.toThrow('找不到您可销号的整改事项');
    const [owner, justice] = await Promise.allSettled([
      inspections.close(who('nyncj-liaison'), item.number, '已执行'),
      inspections.close(who('sfj-officer'), item.number, '代为销号'),
    ]);
    expect(owner).toMatchObject({ status: 'fulfilled', value: { status: 'done', doneNote: '已执行', doneLate: false, nextRemindAt: null } });
    expect(justice).toMatchObject({ status: 'rejected', reason: expect.objectContaining({ message: expect.stringContaining('刚刚已被他人销号') }) });
    expect(stores.inspections.items[0]!.doneBy?.agency).toBe('nyncj');
    expect(pushed('jcy-organizer', '【整改销号】')[0]).toContain('县农业农村局的整改事项 ZG-2026-0001 已由县农业农村局 农业农村局联络员冯磊销号：已执行');
    await expect(inspections.close(who('nyncj-liaison'), item.number, '再次')).rejects.toThrow('已于 2026-01-05 销号');
  });

  it('are reminded before the due date, escalated once overdue with the kind’s suggestion, and no more after 整改销号', async () => {
    const { inspections, inspection, who, clock, pushed } = await withInspection();
    const item = await inspections.addProblem(who('sfj-officer'), {
      inspectionNumber: inspection.number,
      owner: 'nyncj',
      dueDate: '2026-01-20',
      text: '罚款未执行',
    });
    for (const at of ['2026-01-13T01:00:00Z', '2026-01-13T01:05:00Z', '2026-01-21T01:00:00Z']) {
      clock.set(new Date(at));
      await inspections.remindDue(new Date(at));
    }
    // 01-13: the 7-day step; 01-21: the missed 1-day and due-day steps fold into one current reminder.
    expect(pushed('nyncj-liaison', item.number).filter((t) => /【整改(提醒|逾期)】/.test(t))).toHaveLength(2);
    expect(pushed('nyncj-liaison', '【整改逾期】')[0]).toContain('现已逾期 1 天');
    expect(pushed('sfj-organizer', '【逾期督办】')).toEqual([
      `【逾期督办】县农业农村局的整改事项 ${item.number}（联合巡查 ${inspection.number}）已于 2026-01-20 到期，现已逾期 1 天，仍未销号。建议约谈责任单位并在下次联席会议通报；发送「逾期」查看全部逾期事项。`,
    ]);
    await inspections.close(who('nyncj-liaison'), item.number, '已执行到位');
    expect(await inspections.remindDue(new Date('2026-02-28T01:00:00Z'))).toBe(0);
  });
});

describe('self-inspections', () => {
  it('are one per unit and month, a later report replacing the earlier; the justice bureau may report for a unit', async () => {
    const { inspections, who, stores } = start();
    await inspections.reportSelfInspection(who('nyncj-liaison'), { unit: 'nyncj', casesChecked: 120, unexecuted: 8 });
    await inspections.reportSelfInspection(who('sfj-officer'), { unit: 'nyncj', casesChecked: 121, unexecuted: 7 });
    expect(stores.inspections.selfInspections).toMatchObject([{ unit: 'nyncj', month: '2026-01', casesChecked: 121, unexecuted: 7 }]);
    await expect(inspections.reportSelfInspection(who('zhzf-liaison'), { unit: 'nyncj', casesChecked: 1, unexecuted: 0 })).rejects.toThrow(
      '只有县农业农村局或县司法局',
    );
  });
});

describe('the import', () => {
  const file = JSON.stringify({
    inspections: [
      {
        ref: 'A',
        date: '2025-12-10',
        units: ['nyncj', 'jsj'],
        filesSampled: 9,
        problems: [
          { ref: 'A1', owner: 'jsj', dueDate: '2026-02-28', text: '未执行' },
          { ref: 'A2', owner: 'nyncj', dueDate: '2025-12-31', text: '已整改', doneDate: '2025-12-30' },
        ],
      },
    ],
    selfInspections: [{ unit: 'zhzf', month: '2025-12', casesChecked: 80, unexecuted: 5 }],
  });

  it('writes a checked file once: a second run adds nothing', async () => {
    const { inspections, stores, org } = start();
    const rows = () => parseImportFile('data.json', file, org.part('justice'));
    const first = await importRows(inspections, stores.inspections, org, rows());
    expect(first).toEqual({ inspections: { added: 1, present: 0 }, problems: { added: 2, present: 0 }, selfInspections: { written: 1 } });
    expect(stores.inspections.items.map((i) => [i.ref, i.status, i.nextRemindAt === null])).toEqual([
      ['A1', 'open', false],
      ['A2', 'done', true],
    ]);
    const again = await importRows(inspections, stores.inspections, org, rows());
    expect(again).toEqual({ inspections: { added: 0, present: 1 }, problems: { added: 0, present: 2 }, selfInspections: { written: 1 } });
    expect(stores.inspections.inspections).toHaveLength(1);
  });

  it('refuses the whole file when one row is wrong, naming the row', async () => {
    const { inspections, stores, org } = start();
    const bad = parseImportFile('data.json', file.replace('"owner":"jsj"', '"owner":"zhzf"'), org.part('justice'));
    const failed = importRows(inspections, stores.inspections, org, bad);
    await expect(failed).rejects.toBeInstanceOf(TableImportError);
    await expect(failed).rejects.toThrow('inspections[0].problems[0]: owner zhzf 不是该次巡查的督查单位');
    expect(stores.inspections.inspections).toEqual([]);
  });
});
