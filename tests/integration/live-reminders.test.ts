import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { cliTick, pushed } from '../support/deadline-helpers';
import { startFakeWecomApi, type FakeWecomApi } from '../support/fake-wecom-api';
import { startTestBot, type TestBot } from '../support/test-bot';
import { OFFICIAL, WECOM_APP_SECRET, wecomAppEnv } from '../support/wecom-client';

/** The example roster plus an organizer of 县司法局 on WeCom. */
const ROSTER = [readFileSync('config/roster.example.csv', 'utf8').trim(), 'wx-sfj,司法局企业微信联络员,sfj,organizer,wecom'].join('\n');

let bot: TestBot | undefined;
let wecom: FakeWecomApi | undefined;
afterEach(async () => {
  await bot?.close();
  await wecom?.close();
  bot = wecom = undefined;
});

/** The text of every message/send the fake WeCom accepted for `user`. */
const sentTo = (fake: FakeWecomApi, user: string) =>
  fake.sends
    .filter((s) => s.body.touser === user)
    .map((s) => {
      const body = s.body as { text?: { content?: string }; textcard?: { description?: string }; template_card?: unknown; markdown?: { content?: string } };
      return body.text?.content ?? body.markdown?.content ?? body.textcard?.description ?? JSON.stringify(body);
    });

describe('reminders written when they are delivered', () => {
  it('a consultation reminder and a meeting reminder written on 12-10 but delivered on 12-15 say where things stand on 12-15, and that they are late', async () => {
    wecom = await startFakeWecomApi({ corpId: OFFICIAL.corpId, secret: WECOM_APP_SECRET });
    bot = await startTestBot({ now: new Date('2026-12-03T02:00:00Z'), roster: ROSTER, env: wecomAppEnv(wecom.baseUrl) });
    // A request to sfj, due 10 working days on: Thursday 12-17. Its 7-days-before step is Thursday 12-10 09:00.
    expect((await bot.say('jcy-officer', '协作请求 司法局 法律政策咨询 违法建筑强制拆除的程序要求')).join('')).toContain('答复期限：2026-12-17');
    // A meeting on 12-17 09:30: its 7-days-before reminder is also 12-10 09:00.
    const scheduled = (await bot.say('sfj-organizer', '安排专题会议 2026-12-17 09:30 县司法局三楼会议室 行政执法协调')).join('');
    expect(scheduled).toContain('HY-2026-0001');

    // 12-10 09:00: WeCom is unreachable (an outage), so the WeCom rows stay in the outbox; the console gets its copy.
    const down = await cliTick(bot, '2026-12-10T09:00:00+08:00', wecomAppEnv('http://127.0.0.1:9'));
    expect(down).toMatch(/failed attempts \d+ \(.*wecom \d+/);
    const written = await pushed(bot, 'sfj-organizer', 'XZ-2026-0001');
    expect(written.filter((t) => t.includes('将于 2026-12-17 到期，还剩 5 个工作日（7 天，含休息日）'))).toHaveLength(1);
    expect(await pushed(bot, 'sfj-organizer', 'HY-2026-0001 7天后（2026-12-17 09:30）')).toHaveLength(1);
    expect(sentTo(wecom, 'wx-sfj').filter((t) => t.includes('【期限提醒】') || t.includes('【会议提醒】'))).toEqual([]);

    // Tuesday 12-15 10:00 WeCom is back: what goes out is written as of 12-15, not as it was queued on 12-10.
    const up = await cliTick(bot, '2026-12-15T10:00:00+08:00', wecomAppEnv(wecom.baseUrl));
    expect(up).toMatch(/delivered \d+ \(.*wecom \d+/);
    const consultation = sentTo(wecom, 'wx-sfj').filter((t) => t.includes('XZ-2026-0001') && t.includes('提醒'));
    expect(consultation).toHaveLength(1);
    expect(consultation[0]).toContain('后天（2026-12-17）到期，还剩 2 天');
    expect(consultation[0]).not.toContain('还剩 5 个工作日');
    expect(consultation[0]).toContain('（补发：此提醒原定 2026-12-10 09:00 发送。）');
    const meeting = sentTo(wecom, 'wx-sfj').filter((t) => t.includes('【会议提醒】'));
    expect(meeting).toHaveLength(1);
    expect(meeting[0]).toContain('HY-2026-0001 后天（2026-12-17 09:30）');
    expect(meeting[0]).not.toContain('7天后');
    expect(meeting[0]).toContain('（补发：此提醒原定 2026-12-10 09:00 发送。）');
  }, 180_000);

  it('a reminder whose item was answered or cancelled before it could go out is dropped, not sent stale', async () => {
    wecom = await startFakeWecomApi({ corpId: OFFICIAL.corpId, secret: WECOM_APP_SECRET });
    bot = await startTestBot({ now: new Date('2026-12-03T02:00:00Z'), roster: ROSTER, env: wecomAppEnv(wecom.baseUrl) });
    await bot.say('jcy-officer', '协作请求 司法局 法律政策咨询 违法建筑强制拆除的程序要求');
    await bot.say('sfj-organizer', '安排专题会议 2026-12-17 09:30 县司法局三楼会议室 行政执法协调');
    await cliTick(bot, '2026-12-10T09:00:00+08:00', wecomAppEnv('http://127.0.0.1:9'));

    bot.clock.set(new Date('2026-12-11T02:00:00Z'));
    expect((await bot.say('sfj-officer', '答复协作 XZ-2026-0001 应先行催告并作出强制拆除决定')).join('')).toContain('已答复');
    expect((await bot.say('sfj-organizer', '取消会议 HY-2026-0001 主要领导外出')).join('')).toContain('已取消');

    const up = await cliTick(bot, '2026-12-11T10:30:00+08:00', wecomAppEnv(wecom.baseUrl));
    // The consultation's reminder, the meeting's reminder and its attendance reminder to the one WeCom invitee.
    expect(up).toMatch(/dropped \d+ \(.*wecom 3\)/);
    expect(sentTo(wecom, 'wx-sfj').filter((t) => t.includes('【期限提醒】') || t.includes('【会议提醒】') || t.includes('请回复参会情况'))).toEqual([]);
  }, 180_000);
});
