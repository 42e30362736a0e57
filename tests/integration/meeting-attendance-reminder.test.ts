import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { cliTick } from '../support/deadline-helpers';
import { startFakeWecomApi, type FakeWecomApi } from '../support/fake-wecom-api';
import { startTestBot, type TestBot } from '../support/test-bot';
import { OFFICIAL, callbackRequest, textMessageXml, WECOM_APP_SECRET, wecomAppEnv } from '../support/wecom-client';

/** The example roster plus a liaison of 县农业农村局 and one of 县综合行政执法局 on WeCom. */
const ROSTER = [
  readFileSync('config/roster.example.csv', 'utf8').trim(),
  'wx-nyncj,农业农村局企业微信联络员,nyncj,organizer,wecom',
  'wx-zhzf,综合执法局企业微信联络员,zhzf,organizer,wecom',
].join('\n');

let bot: TestBot | undefined;
let wecom: FakeWecomApi | undefined;
afterEach(async () => {
  await bot?.close();
  await wecom?.close();
  bot = wecom = undefined;
});

/** The attendance reminders the fake WeCom accepted for `user`. */
const nags = (fake: FakeWecomApi, user: string) =>
  fake.sends
    .filter((s) => s.body.touser === user)
    .map((s) => JSON.stringify(s.body))
    .filter((t) => t.includes('尚未收到您的回复'));

let messageId = 1;
async function sayOnWecom(target: TestBot, from: string, content: string): Promise<void> {
  const xml = textMessageXml({
    from,
    content,
    msgId: String(7_000_000 + messageId++),
    corpId: OFFICIAL.corpId,
    createTime: Math.floor(target.clock.now().getTime() / 1000),
  });
  const signed = callbackRequest(OFFICIAL, xml);
  const res = await fetch(`${target.url}/wecom/callback?${signed.query}`, { method: 'POST', body: signed.body, headers: { 'content-type': 'text/xml' } });
  expect(res.status).toBe(200);
}

/** A meeting on Thursday 12-10 inviting both units; the 7-day reminder (Thursday 12-03 09:00) is written while WeCom is down. */
async function scheduleAndMissTheReminder(): Promise<TestBot> {
  wecom = await startFakeWecomApi({ corpId: OFFICIAL.corpId, secret: WECOM_APP_SECRET });
  bot = await startTestBot({ now: new Date('2026-12-01T02:00:00Z'), roster: ROSTER, env: wecomAppEnv(wecom.baseUrl) });
  expect((await bot.say('jw-organizer', '安排专题会议 2026-12-10 09:30 县司法局三楼会议室 河道整治 邀请:nyncj,zhzf')).join('')).toContain(
    '已安排 HY-2026-0001',
  );
  await cliTick(bot, '2026-12-03T09:00:00+08:00', wecomAppEnv('http://127.0.0.1:9'));
  expect(wecom.sends.filter((s) => JSON.stringify(s.body).includes('尚未收到您的回复'))).toEqual([]);
  return bot;
}

describe('meeting attendance reminder written when it is delivered', () => {
  it('is dropped for an invitee who answered before it went out; the others get it worded for the day it goes out, marked late', async () => {
    const target = await scheduleAndMissTheReminder();
    target.clock.set(new Date('2026-12-04T01:30:00Z'));
    await sayOnWecom(target, 'wx-nyncj', '参加 HY-2026-0001');
    expect((await target.say('jw-organizer', '参会情况 HY-2026-0001')).join('')).toContain('农业农村局企业微信联络员');

    await cliTick(target, '2026-12-04T10:00:00+08:00', wecomAppEnv(wecom!.baseUrl));
    expect(nags(wecom!, 'wx-nyncj')).toEqual([]);
    const [nag, ...more] = nags(wecom!, 'wx-zhzf');
    expect(more).toEqual([]);
    expect(nag).toContain('6天后（2026-12-10 09:30');
    expect(nag).not.toContain('7天后');
    expect(nag).toContain('（补发：此提醒原定 2026-12-03 09:00 发送。）');
  }, 180_000);

  it('is dropped for everyone once the meeting was cancelled before it went out', async () => {
    const target = await scheduleAndMissTheReminder();
    target.clock.set(new Date('2026-12-04T01:30:00Z'));
    expect((await target.say('jw-organizer', '取消会议 HY-2026-0001 主要领导外出')).join('')).toContain('HY-2026-0001');

    await cliTick(target, '2026-12-04T10:00:00+08:00', wecomAppEnv(wecom!.baseUrl));
    expect(nags(wecom!, 'wx-nyncj')).toEqual([]);
    expect(nags(wecom!, 'wx-zhzf')).toEqual([]);
    expect(wecom!.sends.some((s) => s.body.touser === 'wx-zhzf' && JSON.stringify(s.body).includes('会议取消'))).toBe(true);
  }, 180_000);
});
