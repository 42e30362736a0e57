import { afterEach, describe, expect, it, vi } from 'vitest';
import { MongoOutboxStore } from '../../src/store/mongo/outbox';
import { callbackBody, postSignedCallback } from '../support/dingtalk-client';
import { FakeDingTalkApi } from '../support/fake-dingtalk-api';
import { startFakeWecomApi, type FakeWecomApi } from '../support/fake-wecom-api';
import { startTestBot, type TestBot } from '../support/test-bot';
import { OFFICIAL, callbackRequest, openPassiveReply, textMessageXml, wecomAppEnv, WECOM_APP_SECRET } from '../support/wecom-client';

const outbox = new MongoOutboxStore();

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DINGTALK = { appKey: 'dingtestkey', appSecret: 'test-app-secret' };
const ROSTER = ['userId,name,agency,roles,channel', 'sunli,检察长孙立,jcy,leader,wecom', 'dt-leader,司法局领导钉钉用户,sfj,leader,dingtalk'].join('\n');

let bot: TestBot | undefined;
let wecom: FakeWecomApi | undefined;
let dingtalk: FakeDingTalkApi | undefined;

afterEach(async () => {
  await bot?.close();
  await wecom?.close();
  await dingtalk?.stop();
  bot = wecom = dingtalk = undefined;
});

/** Runs the outbox sender until the condition holds. */
async function deliverUntil(target: TestBot, condition: () => void): Promise<void> {
  await vi.waitFor(
    async () => {
      await target.sender.deliverDue();
      condition();
    },
    { timeout: 10_000, interval: 50 },
  );
}

describe('WeCom: charts and exports as image and file messages', () => {
  async function start(budgetMs: number): Promise<{ target: TestBot; api: FakeWecomApi }> {
    wecom = await startFakeWecomApi({ corpId: OFFICIAL.corpId, secret: WECOM_APP_SECRET });
    const api = wecom;
    bot = await startTestBot({
      roster: ROSTER,
      env: {
        ...wecomAppEnv(api.baseUrl),
        WECOM_REPLY_BUDGET_MS: String(budgetMs),
      },
    });
    return { target: bot, api };
  }

  function request(content: string, msgId: string) {
    return callbackRequest(OFFICIAL, textMessageXml({ from: 'sunli', content, msgId, corpId: OFFICIAL.corpId }));
  }

  async function post(target: TestBot, signed: { query: string; body: string }): Promise<Response> {
    return fetch(`${target.url}/wecom/callback?${signed.query}`, { method: 'POST', body: signed.body, headers: { 'content-type': 'text/xml' } });
  }

  it('趋势: the text answers passively, the chart follows once as an image message, however often WeCom retries', async () => {
    const { target, api } = await start(3000);
    const signed = request('趋势', '7100000000000000001');
    const first = openPassiveReply(OFFICIAL, await (await post(target, signed)).text());
    expect(first.content).toContain('趋势图');
    expect(first.content).not.toContain('/reports/');

    await deliverUntil(target, () => expect(api.sends).toHaveLength(1));
    expect(api.uploads).toHaveLength(1);
    const [upload] = api.uploads;
    expect(upload).toMatchObject({ type: 'image', contentType: 'image/png' });
    expect(upload!.filename).toMatch(/\.png$/);
    expect(upload!.bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(api.sends[0]!.body).toMatchObject({ touser: 'sunli', agentid: 1000002, msgtype: 'image', image: { media_id: upload!.mediaId } });

    const retry = openPassiveReply(OFFICIAL, await (await post(target, signed)).text());
    expect(retry.content).toBe(first.content);
    await target.sender.deliverDue();
    expect(api.uploads).toHaveLength(1);
    expect(api.sends).toHaveLength(1);
  });

  it('导出: the workbook follows the passive text as a file message under its own name', async () => {
    const { target, api } = await start(3000);
    const reply = openPassiveReply(OFFICIAL, await (await post(target, request('导出', '7100000000000000002'))).text());
    expect(reply.content).toContain('工作簿');

    await deliverUntil(target, () => expect(api.sends).toHaveLength(1));
    const [upload] = api.uploads;
    expect(upload).toMatchObject({ type: 'file', filename: '联合监督-2026.xlsx', contentType: XLSX_TYPE });
    expect(upload!.bytes.subarray(0, 4)).toEqual(ZIP_SIGNATURE);
    expect(api.sends[0]!.body).toMatchObject({ touser: 'sunli', msgtype: 'file', file: { media_id: upload!.mediaId } });
  });

  it('an answer past the budget is pushed as its text, then the image; a stale token is refreshed for the upload', async () => {
    const { target, api } = await start(0);
    expect(await (await post(target, request('帮助', '7100000000000000003'))).text()).toBe('');
    await deliverUntil(target, () => expect(api.sends).toHaveLength(1));
    api.expireIssuedTokens();

    expect(await (await post(target, request('趋势', '7100000000000000004'))).text()).toBe('');
    await deliverUntil(target, () => expect(api.sends).toHaveLength(3));
    expect(api.gettokenCalls()).toBe(2);
    expect(api.sends[1]!.body).toMatchObject({ touser: 'sunli', msgtype: 'markdown' });
    expect(JSON.stringify(api.sends[1]!.body)).toContain('趋势图');
    expect(api.sends[2]!.body).toMatchObject({ msgtype: 'image', image: { media_id: api.uploads[0]!.mediaId } });
  });

  it('an attachment that can no longer be opened degrades to the text with a note', async () => {
    const { target, api } = await start(3000);
    await outbox.enqueue(
      [
        {
          key: 'test:expired-chart',
          channel: 'wecom',
          userId: 'sunli',
          message: { text: '近12个月趋势图。', image: { url: `/reports/charts/${'x'.repeat(32)}.png` } },
        },
      ],
      target.clock.now(),
    );
    await deliverUntil(target, () => expect(api.sends).toHaveLength(1));
    expect(api.uploads).toHaveLength(0);
    const content = JSON.stringify(api.sends[0]!.body);
    expect(content).toContain('近12个月趋势图。');
    expect(content).toContain('图片已过期');
  });
});

describe('DingTalk: charts and exports as robot image and file messages', () => {
  async function start(): Promise<{ target: TestBot; fake: FakeDingTalkApi }> {
    dingtalk = await new FakeDingTalkApi(DINGTALK).start();
    const fake = dingtalk;
    bot = await startTestBot({
      roster: ROSTER,
      env: {
        DINGTALK_APP_KEY: DINGTALK.appKey,
        DINGTALK_APP_SECRET: DINGTALK.appSecret,
        DINGTALK_ROBOT_CODE: 'dingtestrobot',
        DINGTALK_API_BASE: fake.apiBase,
        DINGTALK_OAPI_BASE: fake.apiBase,
      },
    });
    return { target: bot, fake };
  }

  async function say(target: TestBot, fake: FakeDingTalkApi, text: string): Promise<void> {
    const res = await postSignedCallback({
      url: `${target.url}/dingtalk/callback`,
      appSecret: DINGTALK.appSecret,
      timestamp: target.clock.now().getTime(),
      body: callbackBody({
        senderStaffId: 'dt-leader',
        text,
        sessionWebhook: fake.sessionWebhookUrl('dt-leader'),
        sessionWebhookExpiredTime: target.clock.now().getTime() + 90 * 60_000,
      }),
    });
    expect(res.status).toBe(200);
  }

  it('趋势: the text through the robot API, the chart uploaded to oapi and sent as sampleImageMsg', async () => {
    const { target, fake } = await start();
    await say(target, fake, '趋势');
    await deliverUntil(target, () => expect(fake.batchSends).toHaveLength(2));
    expect(fake.sessionReplies).toHaveLength(0);
    expect(JSON.stringify(fake.batchSends[0]!.msgParam)).toContain('趋势图');
    expect(JSON.stringify(fake.batchSends[0]!.msgParam)).not.toContain('/reports/');

    const [upload] = fake.uploads;
    expect(upload).toMatchObject({ type: 'image', contentType: 'image/png' });
    expect(upload!.accessToken).toMatch(/^fake-oapi-token-/);
    expect(upload!.bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(fake.batchSends[1]).toEqual({
      robotCode: 'dingtestrobot',
      userIds: ['dt-leader'],
      msgKey: 'sampleImageMsg',
      msgParam: { photoURL: upload!.mediaId },
    });
  });

  it('导出: the workbook sent as sampleFile with its name and type; a refused oapi token is fetched again once', async () => {
    const { target, fake } = await start();
    await say(target, fake, '趋势');
    await deliverUntil(target, () => expect(fake.batchSends).toHaveLength(2));
    fake.expireTokens();

    await say(target, fake, '导出');
    await deliverUntil(target, () => expect(fake.batchSends.filter((s) => s.msgKey === 'sampleFile')).toHaveLength(1));
    expect(fake.oapiTokenFetches).toBe(2);
    const upload = fake.uploads[1]!;
    expect(upload).toMatchObject({ type: 'file', filename: '联合监督-2026.xlsx', contentType: XLSX_TYPE });
    expect(upload.bytes.subarray(0, 4)).toEqual(ZIP_SIGNATURE);
    expect(fake.batchSends.find((s) => s.msgKey === 'sampleFile')).toMatchObject({
      userIds: ['dt-leader'],
      msgKey: 'sampleFile',
      msgParam: { mediaId: upload.mediaId, fileName: '联合监督-2026.xlsx', fileType: 'xlsx' },
    });
  });
});
