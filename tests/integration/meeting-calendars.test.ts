import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tickAt } from '../support/deadline-helpers';
import { FakeDingTalkApi } from '../support/fake-dingtalk-api';
import { startFakeWecomApi, type FakeWecomApi } from '../support/fake-wecom-api';
import { startTestBot, type TestBot } from '../support/test-bot';
import { OFFICIAL, wecomAppEnv, WECOM_APP_SECRET } from '../support/wecom-client';

/** Issue 20 item 4: a meeting in the DingTalk and WeCom calendars (日程), answers there recorded as attendance. */

const DINGTALK = { appKey: 'dingtestkey', appSecret: 'test-app-secret' };
const ROSTER = [
  readFileSync('config/roster.example.csv', 'utf8').trim(),
  'dt-jw,纪委钉钉联络员,jw,organizer,dingtalk',
  'dt-nyncj,农业农村局钉钉联络员,nyncj,organizer,dingtalk',
  'wx-nyncj,农业农村局企业微信联络员,nyncj,organizer,wecom',
  'wx-sfj,司法局企业微信领导,sfj,leader,wecom',
].join('\n');

let bot: TestBot | undefined;
let wx: FakeWecomApi | undefined;
let dt: FakeDingTalkApi | undefined;

afterEach(async () => {
  await bot?.close();
  await wx?.close();
  await dt?.stop();
  bot = wx = dt = undefined;
});

async function deliverUntil(target: TestBot, condition: () => void): Promise<void> {
  await vi.waitFor(
    async () => {
      await target.sender.deliverDue();
      condition();
    },
    { timeout: 15_000, interval: 50 },
  );
}

async function startWithCalendars(): Promise<{ wecom: FakeWecomApi; dingtalk: FakeDingTalkApi; target: TestBot }> {
  wx = await startFakeWecomApi({ corpId: OFFICIAL.corpId, secret: WECOM_APP_SECRET });
  dt = await new FakeDingTalkApi(DINGTALK).start();
  const [wecom, dingtalk] = [wx, dt];
  bot = await startTestBot({
    now: new Date('2026-06-08T02:00:00Z'),
    roster: ROSTER,
    env: {
      ...wecomAppEnv(wecom.baseUrl),
      DINGTALK_APP_KEY: DINGTALK.appKey,
      DINGTALK_APP_SECRET: DINGTALK.appSecret,
      DINGTALK_ROBOT_CODE: 'dingtestrobot',
      DINGTALK_API_BASE: dingtalk.apiBase,
      DINGTALK_OAPI_BASE: dingtalk.apiBase,
    },
  });
  return { wecom, dingtalk, target: bot };
}

/** HY-2026-0001 (2026-06-22 09:30, nyncj invited) scheduled by jcy, once it stands in both calendars. */
async function startWithMeeting(): ReturnType<typeof startWithCalendars> {
  const started = await startWithCalendars();
  const { wecom, dingtalk, target } = started;
  await target.say('jcy-organizer', '安排联席会议 2026-06-22 09:30 县司法局三楼会议室 上半年工作通报 邀请:nyncj');
  await deliverUntil(target, () => {
    expect(dingtalk.events.size).toBe(1);
    expect(wecom.schedules.size).toBe(1);
  });
  return started;
}

describe('meetings in the platform calendars', () => {
  it('puts a meeting in both calendars once, records a platform accept and decline, and deletes both when cancelled', async () => {
    const { wecom, dingtalk, target } = await startWithMeeting();
    const event = [...dingtalk.events.values()][0]!;
    expect(event).toMatchObject({ organizer: 'union-dt-jw', location: { displayName: '县司法局三楼会议室' }, deleted: false });
    expect(event.summary).toContain('HY-2026-0001');
    expect(event.start).toEqual({ dateTime: '2026-06-22T01:30:00.000Z', timeZone: 'Asia/Shanghai' });
    expect(event.attendees.map((a) => a.id).sort()).toEqual(['union-dt-jw', 'union-dt-nyncj']);
    expect(event.reminders).toEqual([
      { method: 'dingtalk', minutes: 1440 },
      { method: 'dingtalk', minutes: 15 },
    ]);
    const schedule = [...wecom.schedules.values()][0]!;
    expect(schedule).toMatchObject({ location: '县司法局三楼会议室', start_time: Date.parse('2026-06-22T01:30:00Z') / 1000, status: 1 });
    expect(schedule.attendees.map((a) => a.userid).sort()).toEqual(['wx-nyncj', 'wx-sfj']);
    expect(schedule.reminders).toMatchObject({ is_remind: 1, remind_before_event_secs: 86400, remind_time_diffs: [-86400, -900] });

    // The invitees answer in their calendars; the next pass of the calendar job reads and records it, and creates nothing new.
    dingtalk.respond(event.id, 'union-dt-nyncj', 'accepted');
    schedule.attendees.find((a) => a.userid === 'wx-sfj')!.response_status = 4;
    await tickAt(target, '2026-06-08T10:20:00+08:00');
    await target.sender.deliverDue();
    expect(dingtalk.events.size).toBe(1);
    expect(wecom.schedules.size).toBe(1);
    expect([event.updates, schedule.updates]).toEqual([0, 0]);
    const list = (await target.say('jcy-organizer', '参会情况 HY-2026-0001')).join('\n');
    const attend = list.slice(list.indexOf('参加（'), list.indexOf('请假（'));
    const leave = list.slice(list.indexOf('请假（'), list.indexOf('未回复（'));
    expect(attend).toContain('农业农村局钉钉联络员');
    expect(leave).toContain('司法局企业微信领导（在企业微信日程中拒绝）');

    await target.say('jcy-organizer', '取消会议 HY-2026-0001 主要领导外出');
    await deliverUntil(target, () => {
      expect(event.deleted).toBe(true);
      expect(schedule.status).toBe(0);
    });
    expect(dingtalk.events.size).toBe(1);
    expect(wecom.schedules.size).toBe(1);
  });

  it('moves both calendar entries once when the meeting is moved (会议改期), asking first for a rest day', async () => {
    const { wecom, dingtalk, target } = await startWithMeeting();
    const eventId = [...dingtalk.events.keys()][0]!;
    const scheduleId = [...wecom.schedules.keys()][0]!;

    // 2026-06-27 is a Saturday: nothing moves until the organizer confirms.
    expect((await target.say('jcy-organizer', '会议改期 HY-2026-0001 2026-06-27 09:30')).join('\n')).toContain('不是工作日');
    expect((await target.say('jcy-organizer', '会议改期 HY-2026-0001 2026-06-24 15:00 县检察院二楼')).join('\n')).toContain(
      '已改期 HY-2026-0001 联席会议：2026-06-24 15:00，县检察院二楼',
    );
    await deliverUntil(target, () => {
      expect(dingtalk.events.get(eventId)?.updates).toBe(1);
      expect(wecom.schedules.get(scheduleId)?.updates).toBe(1);
    });
    expect(dingtalk.events.get(eventId)).toMatchObject({
      start: { dateTime: '2026-06-24T07:00:00.000Z', timeZone: 'Asia/Shanghai' },
      location: { displayName: '县检察院二楼' },
      deleted: false,
    });
    expect(wecom.schedules.get(scheduleId)).toMatchObject({ start_time: Date.parse('2026-06-24T07:00:00Z') / 1000, location: '县检察院二楼', status: 1 });
    const told = await target.outbox('nyncj-liaison');
    expect(told.at(-1)?.text).toContain('【会议改期】HY-2026-0001 原定 2026-06-22 09:30，县司法局三楼会议室；改为');

    // The calendar job's next pass, the same command again and another delivery round change nothing more.
    await tickAt(target, '2026-06-08T10:20:00+08:00');
    expect((await target.say('jcy-organizer', '会议改期 HY-2026-0001 2026-06-24 15:00')).join('\n')).toContain('无需改期');
    await target.sender.deliverDue();
    expect([dingtalk.events.size, wecom.schedules.size]).toEqual([1, 1]);
    expect([dingtalk.events.get(eventId)?.updates, wecom.schedules.get(scheduleId)?.updates]).toEqual([1, 1]);

    // Moved back to the first time: the calendars follow again (a move is never taken for the earlier version).
    await target.say('jcy-organizer', '会议改期 HY-2026-0001 2026-06-22 09:30 县司法局三楼会议室');
    await deliverUntil(target, () => {
      expect(dingtalk.events.get(eventId)?.updates).toBe(2);
      expect(wecom.schedules.get(scheduleId)?.updates).toBe(2);
    });
    expect(dingtalk.events.get(eventId)?.start.dateTime).toBe('2026-06-22T01:30:00.000Z');
  });

  it('takes the more recent explicit answer, from the bot or the calendar, and shows in 参会情况 where it was given', async () => {
    const { wecom, dingtalk, target } = await startWithMeeting();
    const eventId = [...dingtalk.events.keys()][0]!;
    const schedule = [...wecom.schedules.values()][0]!;
    const answerInBot = async (channel: 'dingtalk' | 'wecom', userId: string, answer: 'attend' | 'leave', reason = '') =>
      target.services.meetings.answer((await target.services.roster.find(channel, userId))!, 'HY-2026-0001', answer, reason);
    const list = async () => {
      const text = (await target.say('jcy-organizer', '参会情况 HY-2026-0001')).join('\n');
      return { attend: text.slice(text.indexOf('参加（'), text.indexOf('请假（')), leave: text.slice(text.indexOf('请假（'), text.indexOf('未回复（')) };
    };

    // Answers in the bot first; the calendars report later, differently: the calendars' answers are the newer ones.
    await answerInBot('dingtalk', 'dt-nyncj', 'leave', '外出执法');
    await answerInBot('wecom', 'wx-sfj', 'attend');
    dingtalk.respond(eventId, 'union-dt-nyncj', 'accepted');
    schedule.attendees.find((a) => a.userid === 'wx-sfj')!.response_status = 4;
    await tickAt(target, '2026-06-08T10:20:00+08:00');
    let shown = await list();
    expect(shown.attend).toContain('农业农村局钉钉联络员（在钉钉日程中接受）');
    expect(shown.leave).toContain('司法局企业微信领导（在企业微信日程中拒绝）');

    // Then an answer in the bot again: newer than the calendar's, which has not changed since, so it stays on the next pass.
    await answerInBot('dingtalk', 'dt-nyncj', 'leave', '外出执法');
    await tickAt(target, '2026-06-08T10:30:00+08:00');
    shown = await list();
    expect(shown.leave).toContain('农业农村局钉钉联络员（外出执法）');
    expect(shown.attend).not.toContain('农业农村局钉钉联络员');

    // A change in the calendar after that is newer again.
    dingtalk.respond(eventId, 'union-dt-nyncj', 'declined');
    await tickAt(target, '2026-06-08T10:40:00+08:00');
    expect((await list()).leave).toContain('农业农村局钉钉联络员（在钉钉日程中拒绝）');
  });
});
