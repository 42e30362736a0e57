import { describe, expect, it } from 'vitest';
import { memoryServices } from '../../../support/memory-services';

const NOW = new Date('2026-12-03T02:00:00Z');

function setup() {
  const services = memoryServices({ now: NOW });
  const { accountability, who } = services;
  const file = () => accountability.file(who('sfj-officer'), { unit: 'zhzf', officer: '王五', origin: { kind: 'direct' }, facts: '未按期整改' });
  return { ...services, file };
}

describe('AccountabilityService', () => {
  it('numbers cases ZR-年-序号 and counts the investigation period from filing', async () => {
    const { file } = setup();
    const first = await file();
    const second = await file();
    expect([first.number, second.number]).toEqual(['ZR-2026-0001', 'ZR-2026-0002']);
    expect(first.investigationDue).toBe('2027-02-01');
    expect(first.dueDate).toBe(first.investigationDue);
    expect(first.nextRemindAt).not.toBeNull();
  });

  it('only the justice bureau files; the name is shown to its handlers and the unit leader only', async () => {
    const { accountability, who, file } = setup();
    await expect(accountability.file(who('jcy-officer'), { unit: 'zhzf', officer: '', origin: { kind: 'direct' }, facts: 'x' })).rejects.toThrow(
      '由县司法局办理',
    );
    const record = await file();
    expect(accountability.showsName(who('sfj-officer'), record)).toBe(true);
    expect(accountability.showsName(who('zhzf-liaison'), record)).toBe(false);
    expect((await accountability.view(who('zhzf-liaison'), record.number)).showName).toBe(false);
    await expect(accountability.view(who('nyncj-liaison'), record.number)).rejects.toThrow('找不到您可查看的追责案件');
  });

  it('reads combined measures, takes the heaviest tier, and refuses unknown ones', async () => {
    const { accountability, who, file } = setup();
    expect(accountability.parseMeasures('通报批评、书面检查')).toEqual(['书面检查', '通报批评']);
    expect(() => accountability.parseMeasures('记过')).toThrow('看不懂措施「记过」');
    const record = await file();
    const decided = await accountability.decide(who('sfj-officer'), record.number, accountability.parseMeasures('调离执法岗位 书面检查'), '');
    expect(decided.decision).toMatchObject({ measures: ['书面检查', '调离执法岗位'], tier: 'serious', decidedOn: '2026-12-03' });
    expect(decided.objectionDue).toBe('2027-01-04');
    expect(decided.dueDate).toBe('2027-01-04');
  });

  it('an objection within the window stops its reminders and allows closing before the window ends', async () => {
    const { accountability, who, file } = setup();
    const record = await file();
    await accountability.decide(who('sfj-officer'), record.number, ['通报批评'], '');
    await expect(accountability.close(who('sfj-officer'), record.number, '')).rejects.toThrow('届满后才能结案');
    const objected = await accountability.object(who('sfj-officer'), record.number, '认为事实认定有误');
    expect(objected.nextRemindAt).toBeNull();
    const closed = await accountability.close(who('sfj-officer'), record.number, '复核维持');
    expect(closed).toMatchObject({ status: 'closed', closedOn: '2026-12-03' });
  });

  it('refuses an origin notice that is not overdue and one of another unit', async () => {
    const { accountability, documents, who } = setup();
    const notice = await documents.register(who('sfj-officer'), {
      kind: 'notice',
      reference: '嘉司监〔2026〕1号',
      recipient: 'zhzf',
      startDate: '2026-11-25',
      urgent: false,
    });
    await expect(accountability.resolveOrigin(notice.number)).rejects.toThrow('未逾期未整改');
    const old = await documents.register(who('sfj-officer'), {
      kind: 'notice',
      reference: '嘉司监〔2026〕2号',
      recipient: 'nyncj',
      startDate: '2026-09-01',
      urgent: false,
    });
    const origin = await accountability.resolveOrigin(old.number);
    await expect(accountability.file(who('sfj-officer'), { unit: 'zhzf', officer: '', origin, facts: 'x' })).rejects.toThrow('的单位是县农业农村局');
    await expect(accountability.resolveOrigin('XS-2026-0009')).rejects.toThrow('不存在或尚未办结');
  });

  it('hands a case to jw once, as a jw clue naming the case', async () => {
    const { accountability, who, file, stores } = setup();
    const record = await file();
    const { clueNumber, record: handed } = await accountability.handOver(who('sfj-officer'), record.number, '涉嫌玩忽职守', 'console');
    expect(handed.clueNumber).toBe(clueNumber);
    const clue = stores.clues.records.find((c) => c.number === clueNumber)!;
    expect(clue).toMatchObject({ route: 'jw', category: '玩忽职守', draftId: `accountability-${record.number}` });
    await expect(accountability.handOver(who('sfj-officer'), record.number, '', 'console')).rejects.toThrow('已移送纪委监委');
  });
});
