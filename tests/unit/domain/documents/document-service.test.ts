import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Refusal } from '../../../../src/domain/errors';
import { memoryServices } from '../../../support/memory-services';

const MARCH_2 = new Date('2026-03-02T02:00:00Z'); // 10:00 in Asia/Shanghai

function start(now = MARCH_2) {
  const domain = memoryServices({ now });
  const who = (userId: string) => domain.who(userId);
  return { ...domain, who };
}

describe('registration', () => {
  it('numbers a recommendation, counts its deadline, schedules its reminders and tells the recipient', async () => {
    const { documents, stores, who, pushed } = start();
    const doc = await documents.register(who('jcy-officer'), {
      kind: 'recommendation',
      reference: '嘉检建〔2026〕1号',
      recipient: '县农业农村局',
      startDate: '2026-03-02',
      urgent: false,
    });
    // 2026-03-02 + 2 months = 05-02, inside the Labour Day holiday → 05-06.
    expect(doc).toMatchObject({
      number: 'JY-2026-0001',
      issuer: 'jcy',
      recipient: 'nyncj',
      dueDate: '2026-05-06',
      status: 'open',
      nextStepOffset: -15,
      version: 0,
    });
    expect(stores.documents.records.map((d) => d.number)).toEqual(['JY-2026-0001']);
    expect(pushed('nyncj-liaison', '【新文书】')).toHaveLength(1);
    const urgent = await documents.register(who('jcy-officer'), {
      kind: 'recommendation',
      reference: '2号',
      recipient: 'nyncj',
      startDate: '2026-03-02',
      urgent: true,
    });
    expect(urgent).toMatchObject({ number: 'JY-2026-0002', dueDate: '2026-03-17', period: { unit: 'days', amount: 15 } });
  });

  it('registers a 决定书 by the justice bureau for the government, and a transfer to the police', async () => {
    const { documents, who } = start();
    const decision = await documents.register(who('sfj-officer'), {
      kind: 'decision',
      reference: 'D1',
      recipient: 'zhzf',
      startDate: '2026-03-02',
      urgent: false,
    });
    expect(decision).toMatchObject({ number: 'JD-2026-0001', issuer: 'zf', recipient: 'zhzf' });
    const transfer = await documents.register(who('zhzf-liaison'), {
      kind: 'transfer',
      reference: 'Y1',
      recipient: 'jcy',
      startDate: '2026-03-02',
      urgent: false,
    });
    expect(transfer).toMatchObject({ number: 'YS-2026-0001', issuer: 'zhzf', recipient: 'gaj', dueDate: '2026-03-05' });
  });

  it('refuses what the issuer may not register, its own agency as recipient, a future date, a deadline before the start', async () => {
    const { documents, stores, who } = start();
    const input = { kind: 'recommendation', reference: 'X号', recipient: 'nyncj', startDate: '2026-03-02', urgent: false };
    await expect(documents.register(who('nyncj-liaison'), input)).rejects.toThrow('只有县人民检察院可以登记检察建议书');
    await expect(documents.register(who('zhzf-liaison'), { ...input, kind: 'transfer' })).resolves.toBeTruthy();
    await expect(documents.register(who('sfj-officer'), { ...input, kind: 'transfer' })).rejects.toThrow('只有行政执法单位可以登记');
    await expect(documents.register(who('jcy-officer'), { ...input, recipient: 'jcy' })).rejects.toThrow('接收单位不能是本单位');
    await expect(documents.register(who('jcy-officer'), { ...input, startDate: '2026-03-09' })).rejects.toThrow('晚于今天');
    await expect(documents.register(who('jcy-officer'), { ...input, customDue: '2026-03-01' })).rejects.toThrow(Refusal);
    expect(stores.documents.records).toHaveLength(1);
  });

  it('takes only kinds registered by command: anything else is a caller error, not a refusal', async () => {
    const { documents, who } = start();
    const input = { reference: 'X', recipient: 'nyncj', startDate: '2026-03-02', urgent: false };
    await expect(documents.register(who('jcy-officer'), { ...input, kind: 'followup' })).rejects.toThrow(/not a document kind registered by command/);
    await expect(documents.register(who('jcy-officer'), { ...input, kind: 'circular' })).rejects.not.toBeInstanceOf(Refusal);
  });

  it('numbers a meeting’s follow-ups under the meeting, tracked like any document', async () => {
    const { documents, who } = start();
    const items = await documents.addFollowups(who('sfj-organizer'), 'HY-2026-0001', [
      { owner: 'nyncj', dueDate: '2026-04-10', text: '排查排污口' },
      { owner: '县建设局', dueDate: '2026-04-20', text: '整治工地' },
    ]);
    expect(items.map((d) => [d.number, d.kind, d.recipient, d.customDue])).toEqual([
      ['HY-2026-0001-1', 'followup', 'nyncj', true],
      ['HY-2026-0001-2', 'followup', 'jsj', true],
    ]);
    expect(documents.describe(items[0]!)).toContain('会议跟进事项 HY-2026-0001-1（事项：排查排污口）');
    await expect(documents.addFollowups(who('sfj-organizer'), 'HY-2026-0002', [{ owner: 'nyncj', dueDate: '2026-03-01', text: 'x' }])).rejects.toThrow(
      '必须晚于今天',
    );
  });
});

describe('answers', () => {
  async function notice() {
    const domain = start();
    const doc = await domain.documents.register(domain.who('sfj-officer'), {
      kind: 'notice',
      reference: 'T1',
      recipient: 'zhzf',
      startDate: '2026-03-02',
      urgent: false,
    });
    return { ...domain, doc };
  }

  it('keeps a notice open after 回复 until 整改完成, and tells the other side each time', async () => {
    const { documents, who, doc, pushed } = await notice();
    const replied = await documents.reply(who('zhzf-liaison'), doc.number, '已收到');
    expect(replied.doc).toMatchObject({ status: 'open', reply: { text: '已收到', late: false }, version: 1 });
    await expect(documents.reply(who('zhzf-liaison'), doc.number, '再次')).rejects.toThrow('已登记过回复');
    const corrected = await documents.correct(who('zhzf-liaison'), doc.number, '已撤销');
    expect(corrected.doc).toMatchObject({ status: 'closed', nextRemindAt: null, correction: { text: '已撤销' }, version: 2 });
    expect(pushed('sfj-organizer', '【回复】')).toHaveLength(1);
    expect(pushed('sfj-organizer', '【整改完成】')).toHaveLength(1);
    await expect(documents.correct(who('zhzf-liaison'), doc.number, '又一次')).rejects.toThrow('已办结');
  });

  it('lets only the two sides answer, and shows a document only to whom may see it', async () => {
    const { documents, who, doc } = await notice();
    await expect(documents.reply(who('jw-officer'), doc.number, '旁观')).rejects.toThrow('只有接收单位或签发单位');
    await expect(documents.view(who('nyncj-liaison'), doc.number)).rejects.toThrow('找不到您可查看的文书');
    await expect(documents.view(who('nyncj-liaison'), 'TZ-2026-9999')).rejects.toThrow('找不到您可查看的文书');
    expect((await documents.view(who('jw-officer'), doc.number.toLowerCase())).number).toBe(doc.number);
  });

  it('decides concurrent answers once: the second is told someone came first, and the record keeps the first', async () => {
    const { documents, who, doc, stores } = await notice();
    const [first, second] = await Promise.allSettled([
      documents.reply(who('zhzf-liaison'), doc.number, '接收单位的回复'),
      documents.reply(who('sfj-officer'), doc.number, '签发单位代为登记'),
    ]);
    expect(first.status).toBe('fulfilled');
    expect(second).toMatchObject({ status: 'rejected', reason: expect.objectContaining({ message: expect.stringContaining('刚刚已被他人登记') }) });
    expect(stores.documents.records[0]!.reply?.text).toBe('接收单位的回复');
    expect([...stores.claims.claims.keys()]).toContain(`document:${doc.number}:v0#1`);
  });

  it('lets the issuing side set its own deadline, replans the reminders and tells the recipient', async () => {
    const { documents, who, doc, pushed } = await notice();
    await expect(documents.changeDue(who('zhzf-liaison'), doc.number, '2026-06-30')).rejects.toThrow('只有签发单位可以调整期限');
    await expect(documents.changeDue(who('sfj-officer'), doc.number, '2026-03-01')).rejects.toThrow('必须晚于起算日期');
    const changed = await documents.changeDue(who('sfj-officer'), doc.number, '2026-06-30');
    expect(changed).toMatchObject({ dueDate: '2026-06-30', customDue: true, nextStepOffset: -15 });
    expect(pushed('zhzf-liaison', '【期限调整】')[0]).toContain('调整为 2026-06-30');
  });
});

describe('a transfer’s 令310 steps', () => {
  it('moves to the next step with its own deadline, reopening the case, and names the step it is in', async () => {
    const { documents, who, clock } = start(new Date('2026-06-05T02:00:00Z'));
    const doc = await documents.register(who('zhzf-liaison'), { kind: 'transfer', reference: 'Y1', startDate: '2026-06-05', urgent: false });
    expect(documents.describe(doc)).toContain('当前步骤：公安机关决定是否立案');
    clock.set(new Date('2026-06-09T02:00:00Z'));
    await documents.reply(who('zhzf-liaison'), doc.number, '不予立案');
    await expect(documents.advanceTransfer(who('zhzf-liaison'), doc.number, '复议', '2026-06-09')).rejects.toThrow('请指明步骤');
    const moved = await documents.advanceTransfer(who('zhzf-liaison'), doc.number, '提请复议', '2026-06-09');
    expect(moved).toMatchObject({ status: 'open', transferStep: 'reconsider_request', dueDate: '2026-06-12' });
    expect(moved.reply).toBeUndefined();
    expect(documents.stepName(moved)).toBe('移送单位提请复议');
    expect(documents.describe(moved)).toContain('当前步骤：移送单位提请复议');
  });

  it('is only for kinds with steps', async () => {
    const { documents, who } = start();
    const doc = await documents.register(who('jcy-officer'), {
      kind: 'recommendation',
      reference: 'J',
      recipient: 'nyncj',
      startDate: '2026-03-02',
      urgent: false,
    });
    await expect(documents.advanceTransfer(who('jcy-officer'), doc.number, '提请复议', '2026-03-02')).rejects.toThrow('不是移送案件');
  });
});

describe('reminders', () => {
  it('sends each step once by the kind’s policy, escalates on the first overdue day to the issuer and the justice bureau, and stops on 回复', async () => {
    const { documents, who, clock, pushed } = start();
    const doc = await documents.register(who('jcy-officer'), {
      kind: 'recommendation',
      reference: 'J',
      recipient: 'nyncj',
      startDate: '2026-03-02',
      urgent: false,
    });
    for (const at of [
      '2026-04-21T01:00:00Z',
      '2026-04-21T01:00:00Z',
      '2026-04-29T01:00:00Z',
      '2026-05-05T01:00:00Z',
      '2026-05-06T01:00:00Z',
      '2026-05-07T01:00:00Z',
    ]) {
      clock.set(new Date(at));
      await documents.remindDue(new Date(at));
    }
    // Due 05-06, the first working day after the Labour Day holiday: the d-1 step (05-05, a holiday)
    // belonged on 04-30; missed then, it is not caught up on the holiday but folded into the due-day reminder.
    expect(pushed('nyncj-liaison', '提醒】').map((t) => /还剩 .+?）|今天|逾期 \d+ 天/.exec(t)?.[0])).toEqual([
      '还剩 8 个工作日（15 天，含休息日）',
      '还剩 2 个工作日（7 天，含休息日）',
      '今天',
      '逾期 1 天',
    ]);
    expect(pushed('nyncj-liaison', '（节后首个工作日）到期')).toHaveLength(2);
    expect(pushed('nyncj-liaison', '补发')).toHaveLength(0);
    expect(pushed('jcy-organizer', '还剩 8 个工作日')).toHaveLength(1);
    for (const user of ['jcy-organizer', 'jcy-leader', 'sfj-organizer', 'sfj-leader']) {
      expect(pushed(user, '【逾期督办】'), user).toHaveLength(1);
    }
    expect(pushed('sfj-leader', '【逾期督办】')[0]).toContain('1. 报告上一级人民检察院');
    expect((await documents.overdue()).map((d) => d.number)).toEqual([doc.number]);
    await documents.reply(who('nyncj-liaison'), doc.number, '已回复');
    clock.set(new Date('2026-05-14T01:00:00Z'));
    expect(await documents.remindDue(new Date('2026-05-14T01:00:00Z'))).toBe(0);
    expect(await documents.overdue()).toEqual([]);
  });

  it('recomputes provisional deadlines once the holiday table has the year, and tells both sides', async () => {
    const first = start(new Date('2026-11-02T02:00:00Z'));
    const doc = await first.documents.register(first.who('jcy-officer'), {
      kind: 'recommendation',
      reference: 'J',
      recipient: 'nyncj',
      startDate: '2026-11-01',
      urgent: false,
    });
    expect(doc).toMatchObject({ dueDate: '2027-01-01', provisional: true });
    expect(first.pushed('admin', '2027年的节假日安排尚未录入')).toHaveLength(1);

    const configDir = mkdtempSync(join(tmpdir(), 'jsbot-config-'));
    cpSync('config', configDir, { recursive: true });
    writeFileSync(join(configDir, 'holidays.yaml'), 'years:\n  "2027":\n    holidays: [2027-01-01, 2027-01-02, 2027-01-03]\n    workdays: []\n');
    const later = memoryServices({ configDir, stores: first.stores, clock: first.clock });
    expect(await later.documents.recomputeProvisional()).toBe(1);
    expect(await later.documents.recomputeProvisional()).toBe(0);
    expect(await later.documents.find(doc.number)).toMatchObject({ dueDate: '2027-01-04', provisional: false, version: 1 });
    expect(later.pushed('nyncj-liaison', '期限由 2027-01-01 改为 2027-01-04')).toHaveLength(1);
  });
});
