import { beforeEach, describe, expect, it } from 'vitest';
import type { ClueRoute } from '../../../../src/config/routing';
import { CLUE_NOT_AVAILABLE } from '../../../../src/domain/clues/access';
import type { ClueService } from '../../../../src/domain/clues/clue-service';
import { wrongStatusRefusal } from '../../../../src/domain/clues/texts';
import type { ClueDraft, ConfirmedDraft } from '../../../../src/domain/clues/types';
import { Refusal } from '../../../../src/domain/errors';
import { FixedClock } from '../../../../src/kernel/clock';
import type { Person } from '../../../../src/kernel/people';
import { createMemoryStores, type MemoryStores } from '../../../support/memory';
import { examplePeople } from '../../../support/example-roster';
import { memoryServices } from '../../../support/memory-services';

const EXAMPLE_ROSTER = examplePeople();

const POLLUTION = '县农业农村局对某养殖场向河道排放污水的问题长期不作为，河水发黑发臭';
const SUBMITTED_AT = new Date('2026-11-26T02:00:00Z');

let clock: FixedClock;
let stores: MemoryStores;
let clues: ClueService;

beforeEach(() => {
  clock = new FixedClock(SUBMITTED_AT);
  stores = createMemoryStores();
  clues = memoryServices({ stores, clock }).clues;
});

function who(userId: string): Person {
  const person = EXAMPLE_ROSTER.find((p) => p.userId === userId);
  if (!person) throw new Error(`${userId} is not in the example roster`);
  return person;
}

let drafts = 0;
function draft(route: ClueRoute = 'jcy', extra: Partial<ClueDraft> = {}): ConfirmedDraft {
  drafts += 1;
  return { id: `draft-${drafts}`, facts: POLLUTION, subject: '某养殖场', attachments: [], anonymous: false, route, category: '生态环境和资源保护', ...extra };
}

/** What a 受理 / 办结 / 转办 / 线索 is refused with, or null when it goes through. */
async function refusalOf(call: Promise<unknown>): Promise<string | null> {
  try {
    await call;
    return null;
  } catch (err) {
    if (err instanceof Refusal) return err.message;
    throw err;
  }
}

const outboxKeys = () => [...stores.outbox.rows.keys()];
const auditActions = async (number: string) => (await clues.audit.entries(number)).map((e) => [e.action, e.actor.userId]);

describe('submit', () => {
  it('stores the clue sealed, audits it and tells the receiving officers and organizers (never the leader)', async () => {
    const clue = await clues.submit(who('sfj-officer'), draft('jcy', { evidence: '现场照片' }), 'console');
    expect(clue).toMatchObject({ number: 'XS-2026-0001', route: 'jcy', status: 'submitted', acceptanceDue: '2026-12-17' });

    const [stored] = stores.clues.records;
    expect(stored).toMatchObject({ number: 'XS-2026-0001', status: 'submitted', anonymous: false, version: 0, month: '2026-11', transfers: [] });
    const sealed = JSON.stringify(stores.clues.records);
    for (const secret of ['养殖场', '现场照片', 'MEDIA-1', 'sfj-officer', '周洁']) expect(sealed).not.toContain(secret);

    expect(await auditActions('XS-2026-0001')).toEqual([['submit', 'sfj-officer']]);
    expect(outboxKeys()).toEqual(['clue:XS-2026-0001:routed:0:console:jcy-officer', 'clue:XS-2026-0001:routed:0:console:jcy-organizer']);
    const push = stores.outbox.rows.get('clue:XS-2026-0001:routed:0:console:jcy-officer')!.message;
    expect(push.buttons).toEqual(['线索 XS-2026-0001', '受理 XS-2026-0001']);
    expect(push.text).not.toContain('养殖场');
  });

  it('numbers consecutively within a year and starts again at 0001 in the next', async () => {
    const numbers = [];
    for (let i = 0; i < 3; i++) numbers.push((await clues.submit(who('jw-officer'), draft(), 'console')).number);
    clock.set(new Date('2026-12-31T16:30:00Z')); // 2027-01-01 00:30 in Shanghai
    numbers.push((await clues.submit(who('jw-officer'), draft(), 'console')).number);
    expect(numbers).toEqual(['XS-2026-0001', 'XS-2026-0002', 'XS-2026-0003', 'XS-2027-0001']);
  });

  it('stores one clue, one audit line and one set of pushes when one draft is confirmed twice at once', async () => {
    const once = draft();
    const [first, second] = await Promise.all([clues.submit(who('jw-officer'), once, 'console'), clues.submit(who('jw-officer'), once, 'console')]);
    expect(first.number).toBe('XS-2026-0001');
    expect(second.number).toBe('XS-2026-0001');
    expect(stores.clues.records).toHaveLength(1);
    expect(await auditActions('XS-2026-0001')).toEqual([['submit', 'jw-officer']]);
    expect(outboxKeys()).toHaveLength(2);
    expect((await clues.submit(who('jw-officer'), once, 'console')).number).toBe('XS-2026-0001');
    expect(stores.clues.records).toHaveLength(1);
  });

  it('takes over a draft whose claim was left by a process that died, and stores it once', async () => {
    const left = draft();
    await stores.claims.claim(`clue-draft:${left.id}#1`, 'held', new Date(SUBMITTED_AT.getTime() - 60_000));
    expect((await clues.submit(who('jw-officer'), left, 'console')).number).toBe('XS-2026-0001');
    clock.advance(60_000);
    expect((await clues.submit(who('jw-officer'), left, 'console')).number).toBe('XS-2026-0001');
    expect(stores.clues.records).toHaveLength(1);
    expect(await auditActions('XS-2026-0001')).toEqual([['submit', 'jw-officer']]);
  });
});

describe('view levels', () => {
  it('shows details inside the receiving agency (audited), the status to another agency’s leader, and nothing to anyone else', async () => {
    const { number } = await clues.submit(who('sfj-officer'), draft('jcy'), 'console');

    const inside = await clues.lookup(who('jcy-officer'), number, 'wecom');
    expect(inside.level).toBe('details');
    expect(inside.level === 'details' && inside.clue).toMatchObject({
      facts: POLLUTION,
      subject: '某养殖场',
      reporter: { name: '司法局执法监督科周洁', agency: '县司法局' },
    });

    const leader = await clues.lookup(who('jw-leader'), number, 'console');
    expect(leader.level).toBe('status');
    expect(JSON.stringify(leader.clue)).not.toContain('养殖场');

    expect(await refusalOf(clues.lookup(who('jw-officer'), number, 'console'))).toBe(CLUE_NOT_AVAILABLE);
    expect(await refusalOf(clues.lookup(who('jcy-officer'), 'XS-2026-0999', 'console'))).toBe(CLUE_NOT_AVAILABLE);
    expect((await clues.audit.entries(number)).map((e) => [e.action, e.actor.userId, e.channel])).toEqual([
      ['submit', 'sfj-officer', 'console'],
      ['view', 'jcy-officer', 'wecom'],
    ]);
  });

  it('hides the reporter of an anonymous clue from the receiving agency, not from the submitter', async () => {
    const { number } = await clues.submit(who('sfj-officer'), draft('jcy', { anonymous: true }), 'console');
    const inside = await clues.lookup(who('jcy-officer'), number, 'console');
    expect(inside.level === 'details' && inside.clue.reporter).toBeUndefined();
    const own = await clues.lookup(who('sfj-officer'), number, 'console');
    expect(own.level === 'details' && own.clue.reporter).toEqual({ name: '司法局执法监督科周洁', agency: '县司法局' });
  });

  it('refuses a jw clue’s status even to another agency’s leader', async () => {
    const { number } = await clues.submit(who('sfj-officer'), draft('jw'), 'console');
    expect(await refusalOf(clues.lookup(who('jcy-leader'), number, 'console'))).toBe(CLUE_NOT_AVAILABLE);
  });
});

describe('accept, conclude, transfer', () => {
  it('accepts, then concludes with a sealed result, telling the submitter each time', async () => {
    const { number } = await clues.submit(who('sfj-officer'), draft('jcy'), 'console');
    expect(await refusalOf(clues.conclude(who('jcy-officer'), number, '已立案', 'console'))).toBe(wrongStatusRefusal(number, 'submitted'));

    expect(await clues.accept(who('jcy-organizer'), number, 'console')).toMatchObject({ status: 'accepted', acceptedBy: { userId: 'jcy-organizer' } });
    expect(await refusalOf(clues.accept(who('jcy-officer'), number, 'console'))).toBe(wrongStatusRefusal(number, 'accepted'));
    expect(await clues.conclude(who('jcy-leader'), number, '已立案处理', 'console')).toMatchObject({ status: 'concluded' });
    expect(await refusalOf(clues.transfer(who('jcy-officer'), number, '司法局', '理由', 'console'))).toBe(wrongStatusRefusal(number, 'concluded'));

    expect(stores.clues.records[0]).toMatchObject({ status: 'concluded', version: 2 });
    expect(JSON.stringify(stores.clues.records)).not.toContain('已立案处理');
    const details = await clues.lookup(who('sfj-officer'), number, 'console');
    expect(details.level === 'details' && details.clue.result).toBe('已立案处理');
    expect(outboxKeys().filter((key) => key.includes(':submitter:'))).toEqual([
      `clue:${number}:accept:0:submitter:console:sfj-officer`,
      `clue:${number}:conclude:0:submitter:console:sfj-officer`,
    ]);
    expect((await auditActions(number)).map(([action]) => action)).toEqual(['submit', 'accept', 'conclude', 'view']);
  });

  it('refuses a change from outside the receiving agency, and from an admin inside it, exactly like a missing clue', async () => {
    const { number } = await clues.submit(who('jw-officer'), draft('sfj'), 'console');
    for (const outsider of ['jcy-officer', 'jw-officer', 'admin']) {
      expect(await refusalOf(clues.accept(who(outsider), number, 'console'))).toBe(CLUE_NOT_AVAILABLE);
    }
    expect(await refusalOf(clues.accept(who('sfj-officer'), 'XS-2026-0999', 'console'))).toBe(CLUE_NOT_AVAILABLE);
    expect(stores.clues.records[0]).toMatchObject({ status: 'submitted', version: 0 });
  });

  it('transfers to another agency: a fresh acceptance window, the reason sealed, both told', async () => {
    const { number } = await clues.submit(who('jw-officer'), draft('sfj'), 'console');
    await clues.accept(who('sfj-officer'), number, 'console');
    expect(await refusalOf(clues.transfer(who('sfj-officer'), number, '火星局', '理由', 'console'))).toContain('找不到单位「火星局」');
    expect(await refusalOf(clues.transfer(who('sfj-officer'), number, '司法局', '理由', 'console'))).toContain('无需转办');

    clock.set(new Date('2026-12-01T02:00:00Z'));
    const moved = await clues.transfer(who('sfj-officer'), number, '检察院', '涉及国家利益受损', 'console');
    expect(moved).toMatchObject({ route: 'jcy', status: 'submitted', category: '生态环境和资源保护', acceptanceDue: '2026-12-22' });
    expect(moved.acceptedAt).toBeUndefined();
    const [stored] = stores.clues.records;
    expect(stored).toMatchObject({ version: 2, transfers: [{ from: 'sfj', to: 'jcy', by: { userId: 'sfj-officer' } }] });
    expect(stored!.acceptedBy).toBeUndefined();
    expect(JSON.stringify(stored)).not.toContain('国家利益');
    expect(outboxKeys()).toEqual(
      expect.arrayContaining([
        `clue:${number}:routed:1:console:jcy-officer`,
        `clue:${number}:routed:1:console:jcy-organizer`,
        `clue:${number}:transfer:1:submitter:console:jw-officer`,
      ]),
    );
    expect(await refusalOf(clues.lookup(who('sfj-officer'), number, 'console'))).toBe(CLUE_NOT_AVAILABLE);
    const view = await clues.lookup(who('jcy-officer'), number, 'console');
    expect(view.level === 'details' && view.clue.transferReasons).toEqual(['涉及国家利益受损']);
  });

  it('accepts once when three members tap 受理 together; the others hear it is already accepted', async () => {
    const { number } = await clues.submit(who('jw-officer'), draft('jcy'), 'console');
    const taps = await Promise.all(['jcy-officer', 'jcy-organizer', 'jcy-leader'].map((id) => refusalOf(clues.accept(who(id), number, 'console'))));
    expect(taps.filter((refusal) => refusal === null)).toHaveLength(1);
    expect(taps.filter((refusal) => refusal === wrongStatusRefusal(number, 'accepted'))).toHaveLength(2);
    expect(stores.clues.records[0]).toMatchObject({ status: 'accepted', version: 1 });
    expect((await auditActions(number)).filter(([action]) => action === 'accept')).toHaveLength(1);
    expect(outboxKeys().filter((key) => key.startsWith(`clue:${number}:accept:`))).toHaveLength(1);
  });
});

describe('补充 and 撤回 by the submitter', () => {
  it('adds sealed material until 办结, tells the receiving agency each time and audits it; others are refused like a missing clue', async () => {
    const { number } = await clues.submit(who('sfj-officer'), draft('jcy'), 'console');
    await clues.supplement(who('sfj-officer'), number, '又拍到夜间排污视频', 'console');
    for (const other of ['jcy-officer', 'jw-officer'])
      expect(await refusalOf(clues.supplement(who(other), number, '补充', 'console'))).toBe(CLUE_NOT_AVAILABLE);
    await clues.accept(who('jcy-officer'), number, 'console');
    clock.advance(60_000);
    await clues.supplement(who('sfj-officer'), number, '附近村民愿意作证', 'console');
    expect(JSON.stringify(stores.clues.records)).not.toContain('夜间排污');

    const details = await clues.lookup(who('jcy-officer'), number, 'console');
    expect(details.level === 'details' && details.clue.supplements.map((s) => s.text)).toEqual(['又拍到夜间排污视频', '附近村民愿意作证']);
    expect(outboxKeys().filter((key) => key.includes(':supplement:'))).toEqual([
      `clue:${number}:supplement:v1:console:jcy-officer`,
      `clue:${number}:supplement:v1:console:jcy-organizer`,
      `clue:${number}:supplement:v3:console:jcy-officer`,
      `clue:${number}:supplement:v3:console:jcy-organizer`,
    ]);
    expect(stores.outbox.rows.get(`clue:${number}:supplement:v1:console:jcy-officer`)?.message.text).not.toContain('排污');
    expect(await auditActions(number)).toEqual([
      ['submit', 'sfj-officer'],
      ['supplement', 'sfj-officer'],
      ['accept', 'jcy-officer'],
      ['supplement', 'sfj-officer'],
      ['view', 'jcy-officer'],
    ]);
    await clues.conclude(who('jcy-officer'), number, '已办结', 'console');
    expect(await refusalOf(clues.supplement(who('sfj-officer'), number, '再补充', 'console'))).toContain('已办结，不能再补充');
  });

  it('withdraws a clue before 受理 with a sealed reason: no longer pending, no reminder, the agency told, audited', async () => {
    const { number } = await clues.submit(who('sfj-officer'), draft('jcy'), 'console');
    expect(await refusalOf(clues.withdraw(who('jcy-officer'), number, '不属实', 'console'))).toBe(CLUE_NOT_AVAILABLE);
    expect(await clues.withdraw(who('sfj-officer'), number, '经核实系误报', 'console')).toMatchObject({ status: 'withdrawn' });
    expect(JSON.stringify(stores.clues.records)).not.toContain('误报');
    expect((await clues.pending(who('jcy-officer'))).items).toEqual([]);
    expect(await clues.remindOverdueAcceptance(new Date('2027-01-30T02:00:00Z'))).toBe(0);
    expect(await refusalOf(clues.accept(who('jcy-officer'), number, 'console'))).toBe(wrongStatusRefusal(number, 'withdrawn'));
    expect(await refusalOf(clues.withdraw(who('sfj-officer'), number, '再次', 'console'))).toContain('已撤回');
    const details = await clues.lookup(who('jcy-officer'), number, 'console');
    expect(details.level === 'details' && details.clue.withdrawReason).toBe('经核实系误报');
    expect(outboxKeys()).toContain(`clue:${number}:withdraw:v1:console:jcy-organizer`);
    expect((await auditActions(number)).map(([action]) => action)).toEqual(['submit', 'withdraw', 'view']);
  });

  it('does not withdraw an accepted clue, and says to use 补充', async () => {
    const { number } = await clues.submit(who('sfj-officer'), draft('jcy'), 'console');
    await clues.accept(who('jcy-officer'), number, 'console');
    expect(await refusalOf(clues.withdraw(who('sfj-officer'), number, '误报', 'console'))).toBe(
      `线索 ${number} 已受理，不能撤回。如有新情况，请发送「补充 ${number} <内容>」。`,
    );
  });
});

describe('lists', () => {
  it('我的线索 lists the sender’s own, newest first; 待办 what waits for the sender’s agency, oldest first', async () => {
    const first = await clues.submit(who('jw-officer'), draft('jcy'), 'console');
    clock.advance(60_000);
    const second = await clues.submit(who('jw-officer'), draft('jcy'), 'console');
    clock.advance(60_000);
    await clues.submit(who('sfj-officer'), draft('jcy'), 'console');
    await clues.accept(who('jcy-officer'), first.number, 'console');
    await clues.conclude(who('jcy-officer'), first.number, '结果', 'console');

    expect((await clues.mine(who('jw-officer'))).items.map((c) => c.number)).toEqual([second.number, first.number]);
    expect((await clues.pending(who('jcy-organizer'))).items.map((c) => c.number)).toEqual([second.number, 'XS-2026-0003']);
    expect((await clues.pending(who('nyncj-liaison'))).items).toEqual([]);
  });
});

describe('acceptance reminder', () => {
  const organizerReminders = () => outboxKeys().filter((key) => key.includes(':acceptance-overdue:'));

  it('reminds the receiving organizers once, the working day after the period, however often it runs', async () => {
    const { number } = await clues.submit(who('jw-officer'), draft('jcy'), 'console');
    expect(await clues.remindOverdueAcceptance(new Date('2026-12-18T00:59:00Z'))).toBe(0);
    expect(await clues.remindOverdueAcceptance(new Date('2026-12-18T01:00:00Z'))).toBe(1);
    expect(await clues.remindOverdueAcceptance(new Date('2026-12-18T01:01:00Z'))).toBe(0);
    expect(await clues.remindOverdueAcceptance(new Date('2026-12-25T01:00:00Z'))).toBe(0);
    expect(organizerReminders()).toEqual([`clue:${number}:acceptance-overdue:0:console:jcy-organizer`]);
    expect(stores.outbox.rows.get(organizerReminders()[0]!)!.late).toBe(false);
  });

  it('does not remind about a clue accepted in time, and marks a late reminder late', async () => {
    const accepted = await clues.submit(who('jw-officer'), draft('jcy'), 'console');
    const forgotten = await clues.submit(who('jw-officer'), draft('sfj'), 'console');
    await clues.accept(who('jcy-officer'), accepted.number, 'console');
    expect(await clues.remindOverdueAcceptance(new Date('2027-01-10T01:00:00Z'))).toBe(1);
    expect(organizerReminders()).toEqual([`clue:${forgotten.number}:acceptance-overdue:0:console:sfj-organizer`]);
    expect(stores.outbox.rows.get(organizerReminders()[0]!)!.late).toBe(true);
  });
});
