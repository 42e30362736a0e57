import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../src/config';
import type { RemindersConfig } from '../../../../src/config/reminders';
import type { FollowupInput } from '../../../../src/domain/documents/document-service';
import { createWorkingCalendar } from '../../../../src/domain/deadlines/calendar';
import { Refusal } from '../../../../src/domain/errors';
import { MeetingService, type ScheduleInput } from '../../../../src/domain/meetings/meeting-service';
import { Notifier } from '../../../../src/domain/notifier';
import { Organization } from '../../../../src/domain/organization';
import { RosterService } from '../../../../src/domain/roster/roster-service';
import { FixedClock } from '../../../../src/kernel/clock';
import type { Person } from '../../../../src/kernel/people';
import type { DeadlineDocument } from '../../../../src/store/documents';
import { examplePeople } from '../../../support/example-roster';
import { createMemoryStores } from '../../../support/memory';

const config = loadConfig({ NODE_ENV: 'test' });
const PEOPLE = examplePeople();
const person = (userId: string): Person => PEOPLE.find((p) => p.userId === userId)!;

const ORGANIZERS = ['jcy-organizer', 'jw-organizer', 'sfj-organizer'];
const PARTICIPANTS = [...ORGANIZERS, 'jcy-leader', 'jw-leader', 'sfj-leader'];

/** The service on memory stores with the example roster. Follow-ups are recorded, not registered: that is the document service's job. */
async function setup(now: string, reminders: RemindersConfig = config.reminders) {
  const clock = new FixedClock(new Date(now));
  const stores = createMemoryStores();
  const roster = new RosterService(stores.roster);
  await roster.import(PEOPLE);
  const followups: { by: string; meetingNumber: string; items: FollowupInput[] }[] = [];
  const documents = {
    addFollowups: async (by: Person, meetingNumber: string, items: FollowupInput[]) => {
      followups.push({ by: by.userId, meetingNumber, items });
      return items.map(
        (item, i) => ({ number: `${meetingNumber}-${i + 1}`, reference: item.text, recipient: item.owner, dueDate: item.dueDate }) as DeadlineDocument,
      );
    },
  };
  const meetings = new MeetingService({
    meetings: stores.meetings,
    sequences: stores.sequences,
    reminders,
    org: new Organization(config),
    roster,
    notifier: new Notifier(roster, clock, stores.outbox),
    clock,
    documents,
    calendar: createWorkingCalendar(config.holidays),
  });
  /** Who was sent a message containing `text`, sorted. */
  const told = (text: string) =>
    [...stores.outbox.rows.values()]
      .filter((row) => row.message.text.includes(text))
      .map((row) => row.userId)
      .sort();
  const texts = (userId: string, text: string) =>
    [...stores.outbox.rows.values()].filter((row) => row.userId === userId && row.message.text.includes(text)).map((row) => row.message.text);
  return { clock, stores, meetings, followups, told, texts };
}

/** A Saturday: scheduled as the organizer confirmed it. */
const JUNE_20: ScheduleInput = { when: '2026-06-20 09:30', place: '县司法局三楼会议室', topic: '上半年工作通报', invited: ['nyncj'], confirmed: true };

/** Schedules a meeting that needs no confirmation and returns it. */
async function scheduled(meetings: MeetingService, ...args: Parameters<MeetingService['schedule']>) {
  const outcome = await meetings.schedule(...args);
  if (outcome.kind !== 'scheduled') throw new Error(`not scheduled: ${outcome.warning}`);
  return outcome.meeting;
}

describe('scheduling', () => {
  it('numbers the meeting, keeps it with its first reminder, and tells the supervisors’ organizers and leaders and the invited units', async () => {
    const { meetings, stores, told } = await setup('2026-06-08T02:00:00Z');
    const meeting = await scheduled(meetings, person('jcy-organizer'), 'liaison', { ...JUNE_20, invited: ['nyncj', '县农业农村局'] });
    expect(meeting).toMatchObject({ number: 'HY-2026-0001', kind: 'liaison', date: '2026-06-20', invited: ['nyncj'], nextStepIndex: 0 });
    expect(meeting.startsAt.toISOString()).toBe('2026-06-20T01:30:00.000Z');
    // 7 days before is Saturday 06-13: the reminder goes on Friday.
    expect(meeting.nextRemindAt?.toISOString()).toBe('2026-06-12T01:00:00.000Z');
    expect(await stores.meetings.find('HY-2026-0001')).toEqual(meeting);
    expect(told('【会议通知】')).toEqual([...PARTICIPANTS, 'nyncj-liaison'].sort());
    expect(told('【会议通知】')).not.toContain('zhzf-liaison');
    expect(meetings.describe(meeting)).toBe('HY-2026-0001 联席会议：2026-06-20 09:30，县司法局三楼会议室；议题：上半年工作通报；邀请：县农业农村局');
  });

  it('starts the reminders at the first step still ahead, and numbers on within the year', async () => {
    const { meetings } = await setup('2026-06-15T02:00:00Z');
    const first = await scheduled(meetings, person('sfj-leader'), 'special', JUNE_20);
    expect(first).toMatchObject({ number: 'HY-2026-0001', nextStepIndex: 1 });
    // The day before is 端午 (06-19): the reminder goes on the 18th.
    expect(first.nextRemindAt?.toISOString()).toBe('2026-06-18T01:00:00.000Z');
    expect((await scheduled(meetings, person('sfj-leader'), 'special', JUNE_20)).number).toBe('HY-2026-0002');
    expect((await scheduled(meetings, person('sfj-leader'), 'special', { ...JUNE_20, when: '2027-01-10 09:00' })).number).toBe('HY-2027-0001');
  });

  it('refuses someone outside the supervising agencies or without the permission, a past or impossible time, a missing place and an unknown unit', async () => {
    const { meetings, stores } = await setup('2026-06-08T02:00:00Z');
    const refusal = (who: string, input: ScheduleInput) => meetings.schedule(person(who), 'liaison', input).catch((err: unknown) => err);
    expect(await refusal('nyncj-liaison', JUNE_20)).toEqual(
      new Refusal('只有纪委监委、检察院、司法局的召集人或领导可以安排会议。发送「会议」查看已安排的会议。'),
    );
    expect(await refusal('jw-officer', JUNE_20)).toBeInstanceOf(Refusal);
    expect(String(await refusal('jw-organizer', { ...JUNE_20, when: '2026-06-01 09:30' }))).toContain('会议时间已过');
    expect(String(await refusal('jw-organizer', { ...JUNE_20, when: '2026-06-31 09:30' }))).toContain('无效');
    expect(String(await refusal('jw-organizer', { ...JUNE_20, when: '明天上午' }))).toContain('无效');
    expect(String(await refusal('jw-organizer', { ...JUNE_20, place: '  ' }))).toContain('请填写会议地点');
    expect(String(await refusal('jw-organizer', { ...JUNE_20, place: '室'.repeat(101) }))).toContain('不超过100字');
    expect(String(await refusal('jw-organizer', { ...JUNE_20, invited: ['不存在的单位'] }))).toContain('找不到单位');
    expect(stores.meetings.meetings.size).toBe(0);
    expect(stores.outbox.rows.size).toBe(0);
  });

  it('lists the meetings still ahead, soonest first, and finds one by its number in any case', async () => {
    const { meetings, clock } = await setup('2026-06-08T02:00:00Z');
    await scheduled(meetings, person('jw-organizer'), 'special', { ...JUNE_20, when: '2026-06-25 09:00', topic: '后' });
    await scheduled(meetings, person('jw-organizer'), 'special', { ...JUNE_20, when: '2026-06-10 09:00', topic: '先' });
    expect((await meetings.upcoming()).items.map((m) => m.topic)).toEqual(['先', '后']);
    clock.set(new Date('2026-06-12T00:00:00Z'));
    expect((await meetings.upcoming()).items.map((m) => m.topic)).toEqual(['后']);
    expect((await meetings.find('hy-2026-0002'))?.topic).toBe('先');
    expect(await meetings.find('HY-2026-0009')).toBeNull();
  });
});

describe('participants', () => {
  it('are the organizers and leaders of every supervising agency plus every member of the invited units', async () => {
    const { meetings } = await setup('2026-06-08T02:00:00Z');
    const names = async (invited: string[]) => (await meetings.participants({ invited })).map((p) => p.userId).sort();
    expect(await names([])).toEqual(PARTICIPANTS.sort());
    expect(await names(['zhzf', 'nyncj'])).toEqual([...PARTICIPANTS, 'nyncj-liaison', 'zhzf-liaison'].sort());
  });
});

describe('reminders', () => {
  it('go out 7 and 1 days before (on working days) and on the day, each once, worded as people say it, and stop after the last step', async () => {
    const { meetings, stores, texts } = await setup('2026-06-08T02:00:00Z');
    await scheduled(meetings, person('jcy-organizer'), 'liaison', JUNE_20);
    expect(await meetings.remindDue(new Date('2026-06-12T00:59:00Z'))).toBe(0);
    for (const at of ['2026-06-12T01:00:00Z', '2026-06-12T01:00:20Z', '2026-06-18T01:00:00Z', '2026-06-20T00:30:00Z', '2026-06-20T00:31:00Z']) {
      await meetings.remindDue(new Date(at));
    }
    for (const user of [...PARTICIPANTS, 'nyncj-liaison']) {
      expect(
        texts(user, '【会议提醒】').map((t) => /(\d+天后|今天|明天|后天)/.exec(t)?.[0]),
        user,
      ).toEqual(['8天后', '后天', '今天']);
    }
    expect(texts('jw-leader', '【会议提醒】')[0]).toBe(
      '【会议提醒】联席会议 HY-2026-0001 8天后（2026-06-20 09:30）在县司法局三楼会议室召开，议题：上半年工作通报。请准时参加；发送「会议」查看近期会议。',
    );
    expect(await stores.meetings.find('HY-2026-0001')).toMatchObject({ nextRemindAt: null, nextStepIndex: null });
    expect(await meetings.remindDue(new Date('2026-06-21T00:00:00Z'))).toBe(0);
  });

  it('follow the configured steps', async () => {
    const reminders = { ...config.reminders, meetings: { ...config.reminders.meetings, reminders: { daysBefore: [3], time: '10:00', onDayTime: '08:00' } } };
    const { meetings, texts } = await setup('2026-06-08T02:00:00Z', reminders);
    await scheduled(meetings, person('jcy-organizer'), 'liaison', JUNE_20);
    expect(await meetings.remindDue(new Date('2026-06-13T01:00:00Z'))).toBe(0);
    expect(await meetings.remindDue(new Date('2026-06-17T02:00:00Z'))).toBe(1);
    expect(await meetings.remindDue(new Date('2026-06-20T00:00:00Z'))).toBe(1);
    expect(texts('sfj-leader', '【会议提醒】').map((t) => /(\d+天后|今天|明天|后天)/.exec(t)?.[0])).toEqual(['3天后', '今天']);
  });

  it('after downtime fold the missed steps into one current reminder, marked late; none once the meeting has begun', async () => {
    const { meetings, stores } = await setup('2026-06-08T02:00:00Z');
    await scheduled(meetings, person('jcy-organizer'), 'liaison', JUNE_20);
    await scheduled(meetings, person('jcy-organizer'), 'special', { ...JUNE_20, when: '2026-06-18 09:30' });
    expect(await meetings.remindDue(new Date('2026-06-19T01:05:00Z'))).toBe(1);
    const rows = [...stores.outbox.rows.values()].filter((row) => row.userId === 'jw-leader' && row.message.text.startsWith('【会议提醒】'));
    expect(rows.map((row) => [row.key, row.late])).toEqual([['meeting:HY-2026-0001:m-1:console:jw-leader', true]]);
    expect(rows[0]!.message.text).toContain('HY-2026-0001 明天（2026-06-20 09:30）');
    expect(await stores.meetings.find('HY-2026-0002')).toMatchObject({ nextRemindAt: null, nextStepIndex: null });
  });
});

describe('会议改期', () => {
  it('moves the meeting once, tells the participants, and reminds again for the new date (a step sent before the move included)', async () => {
    const { meetings, stores, texts } = await setup('2026-06-08T02:00:00Z');
    await scheduled(meetings, person('jcy-organizer'), 'special', { ...JUNE_20, when: '2026-06-10 09:30' });
    expect(await meetings.remindDue(new Date('2026-06-09T02:00:00Z'))).toBe(1);
    const moved = await meetings.reschedule(person('jcy-organizer'), 'HY-2026-0001', { when: '2026-06-12 15:00', place: '县检察院二楼' });
    expect(moved).toMatchObject({ kind: 'moved', meeting: { date: '2026-06-12', place: '县检察院二楼', moves: 1 } });
    expect(texts('sfj-leader', '【会议改期】')).toHaveLength(1);
    expect(await meetings.remindDue(new Date('2026-06-11T02:00:00Z'))).toBe(1);
    expect(texts('sfj-leader', '【会议提醒】').map((t) => /(明天)（(\S+)/.exec(t)?.slice(1))).toEqual([
      ['明天', '2026-06-10'],
      ['明天', '2026-06-12'],
    ]);
    // A rest day is asked first; the same time and place, a cancelled meeting and someone else are refused.
    expect(await meetings.reschedule(person('jcy-organizer'), 'HY-2026-0001', { when: '2026-06-13 09:30' })).toMatchObject({ kind: 'confirm' });
    await expect(meetings.reschedule(person('jcy-organizer'), 'HY-2026-0001', { when: '2026-06-12 15:00' })).rejects.toThrow('无需改期');
    await expect(meetings.reschedule(person('nyncj-liaison'), 'HY-2026-0001', { when: '2026-06-15 15:00' })).rejects.toBeInstanceOf(Refusal);
    await meetings.cancel(person('jcy-organizer'), 'HY-2026-0001', '领导外出');
    await expect(meetings.reschedule(person('jcy-organizer'), 'HY-2026-0001', { when: '2026-06-15 15:00' })).rejects.toThrow('已取消');
    expect((await stores.meetings.find('HY-2026-0001'))?.moves).toBe(1);
  });
});

describe('minutes', () => {
  it('are recorded once, and their follow-up items go to the document service under the meeting number', async () => {
    const { meetings, stores, followups, clock } = await setup('2026-06-08T02:00:00Z');
    await scheduled(meetings, person('sfj-organizer'), 'special', { ...JUNE_20, when: '2026-06-10 15:00' });
    clock.set(new Date('2026-06-10T07:00:00Z'));
    const items = [{ owner: 'nyncj', dueDate: '2026-07-10', text: '完成河道排污口排查' }];
    const { heldOn, followups: created } = await meetings.recordMinutes(person('sfj-organizer'), 'hy-2026-0001', '  通报河道排污问题  ', items);
    expect(heldOn).toBe('2026-06-10');
    expect(created.map((doc) => doc.number)).toEqual(['HY-2026-0001-1']);
    expect(followups).toEqual([{ by: 'sfj-organizer', meetingNumber: 'HY-2026-0001', items }]);
    expect((await stores.meetings.find('HY-2026-0001'))?.minutes).toMatchObject({ text: '通报河道排污问题', by: { userId: 'sfj-organizer', agency: 'sfj' } });

    await expect(meetings.recordMinutes(person('jw-organizer'), 'HY-2026-0001', '再记一次', items)).rejects.toThrow('HY-2026-0001 已记录过纪要');
    expect(followups).toHaveLength(1);
    expect((await stores.meetings.find('HY-2026-0001'))?.minutes?.text).toBe('通报河道排污问题');
  });

  it('are refused before the meeting starts, for an unknown meeting, without text, and from someone who may not organize', async () => {
    const { meetings, followups, clock, stores } = await setup('2026-06-08T02:00:00Z');
    await scheduled(meetings, person('sfj-organizer'), 'special', JUNE_20);
    clock.set(new Date('2026-06-20T01:29:00Z'));
    await expect(meetings.recordMinutes(person('sfj-organizer'), 'HY-2026-0001', '要点', [])).rejects.toThrow(
      'HY-2026-0001 将于 2026-06-20 09:30 开始，会议开始后才能记录纪要。',
    );
    expect((await stores.meetings.find('HY-2026-0001'))?.minutes).toBeUndefined();
    clock.set(new Date('2026-06-20T01:30:00Z'));
    await expect(meetings.recordMinutes(person('sfj-organizer'), 'HY-2026-0009', '要点', [])).rejects.toThrow('找不到会议 HY-2026-0009');
    await expect(meetings.recordMinutes(person('sfj-organizer'), 'HY-2026-0001', ' ', [])).rejects.toThrow('请写明纪要要点');
    await expect(meetings.recordMinutes(person('sfj-officer'), 'HY-2026-0001', '要点', [])).rejects.toThrow(
      '只有纪委监委、检察院、司法局的召集人或领导可以记录会议纪要',
    );
    expect(followups).toHaveLength(0);
  });

  it('record the day the meeting was held: its scheduled day by default, or a later one given, never before it or after today', async () => {
    const { meetings, clock, stores } = await setup('2026-06-08T02:00:00Z');
    await scheduled(meetings, person('sfj-organizer'), 'special', JUNE_20);
    clock.set(new Date('2026-06-25T02:00:00Z'));
    await expect(meetings.recordMinutes(person('sfj-organizer'), 'HY-2026-0001', '要点', [], '2026-06-19')).rejects.toThrow(
      '会议召开日期 2026-06-19 早于起算日 2026-06-20',
    );
    await expect(meetings.recordMinutes(person('sfj-organizer'), 'HY-2026-0001', '要点', [], '2026-06-26')).rejects.toThrow('会议召开日期 2026-06-26 晚于今天');
    await expect(meetings.recordMinutes(person('sfj-organizer'), 'HY-2026-0001', '要点', [], '2026-06-31')).rejects.toThrow('不是有效日期');
    expect((await stores.meetings.find('HY-2026-0001'))?.minutes).toBeUndefined();
    const { heldOn } = await meetings.recordMinutes(person('sfj-organizer'), 'HY-2026-0001', '要点', [], '2026-06-22');
    expect(heldOn).toBe('2026-06-22');
    expect((await stores.meetings.find('HY-2026-0001'))?.minutes).toMatchObject({ heldOn: '2026-06-22', text: '要点' });
  });
});

describe('a meeting on a rest day or holiday', () => {
  it('is not scheduled until the organizer confirms it; the question names the holiday or the weekday', async () => {
    const { meetings, stores } = await setup('2026-09-10T02:00:00Z');
    const national = { ...JUNE_20, when: '2026-10-03 09:30', confirmed: false };
    expect(await meetings.schedule(person('jw-organizer'), 'special', national)).toEqual({
      kind: 'confirm',
      warning: '2026-10-03 是法定节假日（国庆节），不是工作日。确定在这一天开会吗？',
    });
    expect(await meetings.schedule(person('jw-organizer'), 'special', { ...national, when: '2026-09-13 09:30' })).toEqual({
      kind: 'confirm',
      warning: '2026-09-13 是休息日（星期日），不是工作日。确定在这一天开会吗？',
    });
    expect(stores.meetings.meetings.size).toBe(0);
    expect(stores.outbox.rows.size).toBe(0);
    // 2026-09-20 is a Sunday made a working day (调休): no question.
    expect((await meetings.schedule(person('jw-organizer'), 'special', { ...national, when: '2026-09-20 09:30' })).kind).toBe('scheduled');
    expect((await scheduled(meetings, person('jw-organizer'), 'special', { ...national, confirmed: true })).date).toBe('2026-10-03');
  });
});

describe('attendance', () => {
  it('takes 参加 and 请假 with a reason from invitees, lists them for the organizer, and reminds the silent ones once', async () => {
    const { meetings, stores, clock, texts } = await setup('2026-06-08T02:00:00Z');
    await scheduled(meetings, person('jcy-organizer'), 'liaison', JUNE_20);
    expect(stores.outbox.rows.get('meeting:HY-2026-0001:scheduled:console:nyncj-liaison')?.message.buttons).toEqual(['参加 HY-2026-0001', '请假 HY-2026-0001']);
    await meetings.answer(person('nyncj-liaison'), 'hy-2026-0001', 'leave', '外出执法');
    await meetings.answer(person('jw-leader'), 'HY-2026-0001', 'leave', '另有公务');
    clock.set(new Date('2026-06-09T02:00:00Z'));
    await meetings.answer(person('jw-leader'), 'HY-2026-0001', 'attend', '');
    await expect(meetings.answer(person('sfj-leader'), 'HY-2026-0001', 'leave', ' ')).rejects.toThrow('请写明请假理由');
    await expect(meetings.answer(person('zhzf-liaison'), 'HY-2026-0001', 'attend', '')).rejects.toThrow('您不在 HY-2026-0001 的参会范围内');
    await expect(meetings.attendanceOf(person('nyncj-liaison'), 'HY-2026-0001')).rejects.toThrow('可以查看参会情况');
    const list = await meetings.attendanceOf(person('sfj-organizer'), 'HY-2026-0001');
    expect(list).toBe(
      [
        'HY-2026-0001 联席会议：2026-06-20 09:30，县司法局三楼会议室；议题：上半年工作通报；邀请：县农业农村局',
        '参加（1）：',
        '• 纪委监委 纪委副书记王强',
        '请假（1）：',
        '• 农业农村局 农业农村局联络员冯磊（外出执法）',
        '未回复（5）：',
        '• 纪委监委 纪委联络员李华',
        '• 检察院 检察长孙立',
        '• 检察院 检察院联络员钱程',
        '• 司法局 司法局局长郑伟',
        '• 司法局 司法局联络员吴刚',
      ].join('\n'),
    );

    await meetings.remindDue(new Date('2026-06-13T01:00:00Z'));
    await meetings.remindDue(new Date('2026-06-19T01:00:00Z'));
    const nagged = [...stores.outbox.rows.values()].filter((row) => row.key.startsWith('meeting:HY-2026-0001:attendance-reminder:')).map((row) => row.userId);
    expect(nagged.sort()).toEqual(['jcy-leader', 'jcy-organizer', 'jw-organizer', 'sfj-leader', 'sfj-organizer']);
    expect(texts('nyncj-liaison', '尚未收到您的回复')).toEqual([]);
    clock.set(new Date('2026-06-20T01:30:00Z'));
    await expect(meetings.answer(person('sfj-leader'), 'HY-2026-0001', 'attend', '')).rejects.toThrow('已开始');
  });
});

describe('the half-year nag', () => {
  it('tells the supervisors’ organizers once per nag date while the half-year has no 联席会议', async () => {
    const { meetings, told, stores } = await setup('2026-05-20T02:00:00Z');
    expect(await meetings.nagUnscheduled(new Date('2026-05-30T01:00:00Z'))).toBe(0);
    await meetings.nagUnscheduled(new Date('2026-05-31T01:00:00Z'));
    await meetings.nagUnscheduled(new Date('2026-05-31T01:01:00Z'));
    await meetings.nagUnscheduled(new Date('2026-06-03T01:00:00Z'));
    expect(told('尚未安排联席会议')).toEqual(ORGANIZERS);
    expect(stores.outbox.rows.get('meeting-nag:2026-01:2026-05-31:console:jcy-organizer')?.message.text).toBe(
      '【联席会议】2026年1–6月尚未安排联席会议，距本半年度结束还有 30 天。请发送「安排联席会议 YYYY-MM-DD HH:mm <地点> [议题]」安排。',
    );
    await meetings.nagUnscheduled(new Date('2026-06-07T01:00:00Z'));
    expect(told('尚未安排联席会议')).toEqual([...ORGANIZERS, ...ORGANIZERS].sort());
  });

  it('stops once a 联席会议 is scheduled in the half-year; a 专题会议 does not count', async () => {
    const { meetings, clock } = await setup('2026-06-08T02:00:00Z');
    await scheduled(meetings, person('jw-organizer'), 'special', JUNE_20);
    expect(await meetings.nagUnscheduled(new Date('2026-06-14T01:00:00Z'))).toBe(1);
    await scheduled(meetings, person('jw-organizer'), 'liaison', JUNE_20);
    expect(await meetings.nagUnscheduled(new Date('2026-06-21T01:00:00Z'))).toBe(0);
    clock.set(new Date('2026-12-01T00:00:00Z'));
    expect(await meetings.nagUnscheduled(new Date('2026-12-01T01:00:00Z'))).toBe(1);
  });
});
