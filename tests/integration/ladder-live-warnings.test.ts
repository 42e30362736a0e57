import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { cliTick } from '../support/deadline-helpers';
import { startFakeWecomApi, type FakeWecomApi } from '../support/fake-wecom-api';
import { startTestBot, type TestBot } from '../support/test-bot';
import { OFFICIAL, WECOM_APP_SECRET, wecomAppEnv } from '../support/wecom-client';

/** The example roster plus a liaison of 县农业农村局 on WeCom. */
const ROSTER = [readFileSync('config/roster.example.csv', 'utf8').trim(), 'wx-nyncj,农业农村局企业微信联络员,nyncj,organizer,wecom'].join('\n');

let bot: TestBot | undefined;
let wecom: FakeWecomApi | undefined;
afterEach(async () => {
  await bot?.close();
  await wecom?.close();
  bot = wecom = undefined;
});

/** Every text the fake WeCom accepted for `user`, whatever the message type. */
const sentTo = (fake: FakeWecomApi, user: string) => fake.sends.filter((s) => s.body.touser === user).map((s) => JSON.stringify(s.body));

describe('escalation ladder warnings written when they are delivered', () => {
  it('a 红色预警 written on 12-02 but delivered on 12-04 counts the days overdue on 12-04 and says it is late', async () => {
    wecom = await startFakeWecomApi({ corpId: OFFICIAL.corpId, secret: WECOM_APP_SECRET });
    bot = await startTestBot({ now: new Date('2026-12-01T02:00:00Z'), roster: ROSTER, env: wecomAppEnv(wecom.baseUrl) });
    expect((await bot.say('sfj-officer', '登记监督通知书 嘉司监通〔2026〕7号 县农业农村局 2026-11-01')).join('')).toContain('期限：2026-12-01');

    // Wednesday 12-02 09:00, the first working day after the deadline: WeCom is unreachable.
    await cliTick(bot, '2026-12-02T09:00:00+08:00', wecomAppEnv('http://127.0.0.1:9'));
    expect(sentTo(wecom, 'wx-nyncj').filter((t) => t.includes('红色预警'))).toEqual([]);

    // Friday 12-04 10:00 WeCom is back: the warning says where the document stands on 12-04.
    await cliTick(bot, '2026-12-04T10:00:00+08:00', wecomAppEnv(wecom.baseUrl));
    const red = sentTo(wecom, 'wx-nyncj').filter((t) => t.includes('红色预警'));
    expect(red.length).toBeGreaterThan(0);
    for (const text of red) {
      expect(text).toContain('逾期 3 天仍未回复');
      expect(text).not.toContain('逾期 1 天');
      expect(text).toContain('（补发：此提醒原定 2026-12-02 09:00 发送。）');
    }
  }, 180_000);

  it('a warning whose document was answered before it could go out is dropped', async () => {
    wecom = await startFakeWecomApi({ corpId: OFFICIAL.corpId, secret: WECOM_APP_SECRET });
    bot = await startTestBot({ now: new Date('2026-12-01T02:00:00Z'), roster: ROSTER, env: wecomAppEnv(wecom.baseUrl) });
    await bot.say('sfj-officer', '登记监督通知书 嘉司监通〔2026〕7号 县农业农村局 2026-11-01');
    await cliTick(bot, '2026-12-02T09:00:00+08:00', wecomAppEnv('http://127.0.0.1:9'));
    bot.clock.set(new Date('2026-12-03T02:00:00Z'));
    expect((await bot.say('nyncj-liaison', '回复 TZ-2026-0001 已整改并书面回复')).join('')).toContain('TZ-2026-0001');
    await cliTick(bot, '2026-12-03T10:30:00+08:00', wecomAppEnv(wecom.baseUrl));
    expect(sentTo(wecom, 'wx-nyncj').filter((t) => t.includes('红色预警'))).toEqual([]);
  }, 180_000);
});
