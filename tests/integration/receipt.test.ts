import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { callbackBody, postSignedCallback } from '../support/dingtalk-client';
import { tickAt } from '../support/deadline-helpers';
import { FakeDingTalkApi } from '../support/fake-dingtalk-api';
import { startFakeWecomApi, type FakeWecomApi } from '../support/fake-wecom-api';
import { startTestBot, type TestBot } from '../support/test-bot';
import { OFFICIAL, callbackRequest, eventXml, wecomAppEnv, WECOM_APP_SECRET } from '../support/wecom-client';

const DINGTALK = { appKey: 'dingtestkey', appSecret: 'test-app-secret' };
/** The example roster plus one liaison of 县农业农村局 on WeCom and one on DingTalk. */
const ROSTER = [
  readFileSync('config/roster.example.csv', 'utf8').trim(),
  'wx-nyncj,农业农村局企业微信联络员,nyncj,organizer,wecom',
  'dt-nyncj,农业农村局钉钉联络员,nyncj,organizer,dingtalk',
].join('\n');

let bot: TestBot | undefined;
let wecom: FakeWecomApi | undefined;
let dingtalk: FakeDingTalkApi | undefined;

afterEach(async () => {
  await bot?.close();
  await wecom?.close();
  await dingtalk?.stop();
  bot = wecom = dingtalk = undefined;
});

/** The bot with WeCom and DingTalk pointed at their fakes, on Thursday 2026-12-03 10:00. */
async function start(): Promise<{ target: TestBot; wx: FakeWecomApi; dt: FakeDingTalkApi }> {
  wecom = await startFakeWecomApi({ corpId: OFFICIAL.corpId, secret: WECOM_APP_SECRET });
  dingtalk = await new FakeDingTalkApi(DINGTALK).start();
  bot = await startTestBot({
    now: new Date('2026-12-03T02:00:00Z'),
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
  return { target: bot, wx: wecom, dt: dingtalk };
}

async function deliverUntil(target: TestBot, condition: () => void): Promise<void> {
  await vi.waitFor(
    async () => {
      await target.sender.deliverDue();
      condition();
    },
    { timeout: 10_000, interval: 50 },
  );
}

/** A click on a WeCom card button: the template_card_event whose EventKey is the button's command. */
async function clickOnWecom(target: TestBot, from: string, command: string, taskId: string): Promise<void> {
  const xml = eventXml({
    from,
    corpId: OFFICIAL.corpId,
    event: 'template_card_event',
    createTime: Math.floor(target.clock.now().getTime() / 1000),
    eventKey: command,
    taskId,
  });
  const signed = callbackRequest(OFFICIAL, xml);
  const res = await fetch(`${target.url}/wecom/callback?${signed.query}`, { method: 'POST', body: signed.body, headers: { 'content-type': 'text/xml' } });
  expect(res.status).toBe(200);
}

async function sayOnDingTalk(target: TestBot, fake: FakeDingTalkApi, from: string, text: string): Promise<void> {
  const res = await postSignedCallback({
    url: `${target.url}/dingtalk/callback`,
    appSecret: DINGTALK.appSecret,
    timestamp: target.clock.now().getTime(),
    body: callbackBody({
      senderStaffId: from,
      text,
      sessionWebhook: fake.sessionWebhookUrl(from),
      sessionWebhookExpiredTime: target.clock.now().getTime() + 90 * 60_000,
    }),
  });
  expect(res.status).toBe(200);
}

describe('签收', () => {
  it('pushes a card with 签收 to the unit’s liaisons; one 签收 changes every card in place on WeCom, DingTalk and the console', async () => {
    const { target, wx, dt } = await start();
    expect((await target.say('sfj-officer', '登记监督通知书 嘉司监通〔2026〕9号 县农业农村局 2026-12-01')).join('')).toContain('TZ-2026-0001');
    await deliverUntil(target, () => {
      expect(wx.sends).toHaveLength(1);
      expect(dt.cards.size).toBe(1);
    });

    const sent = wx.sends[0]!.body as { touser: string; msgtype: string; template_card: { task_id: string; button_list: { key: string }[] } };
    expect(sent).toMatchObject({ touser: 'wx-nyncj', msgtype: 'template_card' });
    expect(sent.template_card.button_list.map((b) => b.key)).toEqual(['签收 TZ-2026-0001']);
    const [dtCard] = [...dt.cards.values()];
    expect(dtCard).toMatchObject({ cardTemplateId: 'StandardCard', receiver: 'dt-nyncj' });
    expect(JSON.stringify(dtCard!.cardData)).toContain('dtmd://dingtalkclient/sendMessage?content=%E7%AD%BE%E6%94%B6%20TZ-2026-0001');
    const consoleCard = (await target.outbox('nyncj-liaison'))[0] as { text: string; buttons?: string[]; card?: string };
    expect(consoleCard).toMatchObject({ buttons: ['签收 TZ-2026-0001'], card: 'receipt:TZ-2026-0001' });

    target.clock.set(new Date('2026-12-03T06:05:00Z'));
    await clickOnWecom(target, 'wx-nyncj', '签收 TZ-2026-0001', sent.template_card.task_id);
    await deliverUntil(target, () => {
      expect(wx.cardUpdates).toHaveLength(1);
      expect(dt.cards.get(dtCard!.cardBizId)!.history).toHaveLength(1);
    });

    const signedText = '行政执法监督通知书 TZ-2026-0001（嘉司监通〔2026〕9号）已由 农业农村局 农业农村局企业微信联络员 于 2026-12-03 14:05 签收。';
    const update = wx.cardUpdates[0]!.body as { userids: string[]; response_code: string; template_card: { sub_title_text: string; replace_text: string } };
    expect(update.userids).toEqual(['wx-nyncj']);
    expect(wx.cardsByResponseCode.get(update.response_code)).toBe(wx.sends[0]);
    expect(update.template_card.replace_text).toBe('已签收');
    expect(update.template_card.sub_title_text).toContain(signedText);
    expect(wx.sends).toHaveLength(1); // changed in place, nothing sent anew
    expect(JSON.stringify(dt.cards.get(dtCard!.cardBizId)!.cardData)).toContain(signedText);
    expect(JSON.stringify(dt.cards.get(dtCard!.cardBizId)!.cardData)).not.toContain('dtmd://');

    const shown = (await target.outbox('nyncj-liaison')) as unknown as { id: string; text: string; buttons?: string[]; updatedAt?: string }[];
    expect(shown.filter((m) => m.id.startsWith('registered:') || m.id.startsWith('receipt-signed:'))).toEqual([
      expect.objectContaining({ id: 'registered:TZ-2026-0001:console:nyncj-liaison', title: '已签收', updatedAt: '2026-12-03T06:05:00.000Z' }),
    ]);
    expect(shown[0]!.text).toContain(signedText);
    expect(shown[0]!.buttons).toBeUndefined();

    expect((await target.say('sfj-organizer', '文书 TZ-2026-0001')).join('')).toContain(
      '送达：2026-12-01；签收：农业农村局 农业农村局企业微信联络员 2026-12-03 14:05',
    );
    expect((await target.say('nyncj-liaison', '签收 TZ-2026-0001')).join('')).toBe(
      'TZ-2026-0001 已由 农业农村局 农业农村局企业微信联络员 签收，无需重复签收。发送「文书 TZ-2026-0001」查看。',
    );
    expect((await target.say('sfj-officer', '签收 TZ-2026-0001')).join('')).toContain('只有接收单位可以签收');

    // A second 签收 from DingTalk changes nothing more.
    await sayOnDingTalk(target, dt, 'dt-nyncj', '签收 TZ-2026-0001');
    const repliedTo = () => dt.batchSends.filter((s) => s.userIds.includes('dt-nyncj') && JSON.stringify(s.msgParam).includes('无需重复签收'));
    await deliverUntil(target, () => expect(repliedTo()).toHaveLength(1));
    expect(wx.cardUpdates).toHaveLength(1);
    expect(dt.cards.get(dtCard!.cardBizId)!.history).toHaveLength(1);
    expect((await target.say('sfj-organizer', '文书 TZ-2026-0001')).join('')).toContain('企业微信联络员');
  });

  it('escalates a document nobody signed for within 2 working days to the issuer, once, on a working day; a signed one never', async () => {
    const { target } = await start();
    await target.say('sfj-officer', '登记监督通知书 嘉司监通〔2026〕9号 县农业农村局 2026-12-01');
    await target.say('sfj-officer', '登记监督通知书 嘉司监通〔2026〕10号 县综合行政执法局 2026-12-01');
    await target.say('zhzf-liaison', '签收 TZ-2026-0002');

    // Registered Thursday 12-03: Friday 12-04 and Monday 12-07 are the two working days; Tuesday 09:00 it escalates.
    for (const at of ['2026-12-05T09:00:00+08:00', '2026-12-07T09:00:00+08:00', '2026-12-07T17:00:00+08:00']) await tickAt(target, at);
    expect((await target.outbox('sfj-organizer')).filter((m) => m.text.startsWith('【未签收】'))).toHaveLength(0);
    await tickAt(target, '2026-12-08T09:00:00+08:00');
    await tickAt(target, '2026-12-08T09:01:00+08:00');
    const escalated = (await target.outbox('sfj-organizer')).filter((m) => m.text.startsWith('【未签收】')).map((m) => m.text);
    expect(escalated).toEqual([
      '【未签收】行政执法监督通知书 TZ-2026-0001（嘉司监通〔2026〕9号）已于 2026-12-03 推送给县农业农村局，2个工作日内无人签收。请电话联系对方联络员，或在名册中核实该单位的联络员。期限仍自送达日 2026-12-01 起算，将于 2026-12-31 到期，还剩 17 个工作日（23 天，含休息日）。',
    ]);
    expect((await target.outbox('nyncj-liaison')).filter((m) => m.text.startsWith('【未签收】'))).toHaveLength(0);
  });
});
