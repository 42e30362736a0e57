import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../src/store/mongo/connection';
import { ConversationModel } from '../../src/store/mongo/models/conversation';
import { OutboxModel } from '../../src/store/mongo/models/outbox';
import { MongoOutboxStore } from '../../src/store/mongo/outbox';
import { callbackBody, postSignedCallback } from '../support/dingtalk-client';
import { FakeDingTalkApi } from '../support/fake-dingtalk-api';
import { startFakeWecomApi, type FakeWecomApi } from '../support/fake-wecom-api';
import { OFFICIAL, callbackRequest, openPassiveReply, textMessageXml } from '../support/wecom-client';
import { uniqueDbName } from '../support/test-bot';
import { startBotProcess, waitUntil, type BotProcess } from './support/bot-process';
import { startOwnFerretDb, type OwnFerretDb } from './support/ferretdb';
import { importRoster } from './support/roster';

const outbox = new MongoOutboxStore();

const APP = { appKey: 'outage-key', appSecret: 'outage-secret' };
const USERS = ['jw-officer', 'jcy-officer', 'sfj-officer', 'sfj-organizer'];

let ferret: OwnFerretDb;
let fake: FakeDingTalkApi;
let wecomApi: FakeWecomApi;
let bot: BotProcess;

beforeAll(async () => {
  ferret = await startOwnFerretDb();
  fake = await new FakeDingTalkApi(APP).start();
  wecomApi = await startFakeWecomApi({ corpId: OFFICIAL.corpId, secret: 'outage-wecom-secret' });
  const dbName = uniqueDbName();
  await connectDatabase(ferret.uri(dbName));
  await importRoster(['dt-liaison,钉钉联络员,nyncj,officer,dingtalk', 'wx-officer,企业微信检察官,jcy,officer,wecom']);
  bot = await startBotProcess({
    mongodbUri: ferret.uri(dbName),
    env: {
      SCHEDULER_ENABLED: 'false',
      DINGTALK_APP_KEY: APP.appKey,
      DINGTALK_APP_SECRET: APP.appSecret,
      DINGTALK_ROBOT_CODE: 'outage-robot',
      DINGTALK_API_BASE: fake.apiBase,
      DINGTALK_OAPI_BASE: fake.apiBase,
      WECOM_CORP_ID: OFFICIAL.corpId,
      WECOM_AGENT_ID: '1000002',
      WECOM_SECRET: 'outage-wecom-secret',
      WECOM_TOKEN: OFFICIAL.token,
      WECOM_ENCODING_AES_KEY: OFFICIAL.encodingAesKey,
      WECOM_API_BASE: wecomApi.baseUrl,
    },
  });
}, 120_000);

afterAll(async () => {
  await bot?.kill('SIGKILL');
  await fake?.stop();
  await wecomApi?.close();
  await mongoose.disconnect();
  await ferret?.stop();
});

async function status(path: string): Promise<number> {
  const res = await fetch(bot.url + path, { signal: AbortSignal.timeout(10_000) }).catch(() => null);
  return res?.status ?? 0;
}

function dingtalk(msgId: string) {
  const body = callbackBody({
    senderStaffId: 'dt-liaison',
    text: '帮助',
    msgId,
    sessionWebhook: fake.sessionWebhookUrl('dt-liaison'),
    sessionWebhookExpiredTime: Date.now() + 60 * 60_000,
  });
  return postSignedCallback({ url: `${bot.url}/dingtalk/callback`, appSecret: APP.appSecret, body }).then(
    (res) => res.status,
    () => 0,
  );
}

const wecomRequest = callbackRequest(OFFICIAL, textMessageXml({ from: 'wx-officer', content: '帮助', msgId: '9100000000000000001', corpId: OFFICIAL.corpId }));
/** WeCom drops a callback not answered within 5 s and counts it as a retry (PROTOCOLS.md §1). */
const WECOM_TIMEOUT_MS = 5_000;
/** A callback the bot cannot store is refused within 1 s (issue 22, item 7). */
const WECOM_REFUSAL_BUDGET_MS = 1_000;

function wecom(): Promise<Response | null> {
  return fetch(`${bot.url}/wecom/callback?${wecomRequest.query}`, {
    method: 'POST',
    body: wecomRequest.body,
    headers: { 'content-type': 'text/xml' },
    signal: AbortSignal.timeout(WECOM_TIMEOUT_MS),
  }).catch(() => null);
}

describe('the database goes away during traffic and comes back', () => {
  it('never answers 200 for a message it did not store, stays up, reports not ready, and recovers by itself', async () => {
    // Pushes that come due while the database is down.
    const dueSoon = new Date(Date.now() + 4_000);
    await outbox.enqueue(
      ['first', 'second', 'third'].map((n) => ({
        key: `outage-push:${n}`,
        channel: 'dingtalk' as const,
        userId: 'dt-liaison',
        message: { text: `通知 ${n}` },
      })),
      dueSoon,
    );

    const results: { id: string; status: number }[] = [];
    let running = true;
    const lane = async (n: number) => {
      for (let i = 0; running; i++) {
        const id = `outage-${n}-${i}`;
        const result = await bot.say(USERS[n]!, '帮助', id);
        results.push({ id, status: 'status' in result ? result.status : 0 });
      }
    };
    const traffic = Promise.all(USERS.map((_, n) => lane(n)));
    await waitUntil(() => results.filter((r) => r.status === 200).length >= 20, 20_000, 'traffic before the outage');

    expect(await OutboxModel.countDocuments({ key: /^outage-push:/, status: 'sent' })).toBe(0);
    ferret.kill();
    const killedAt = results.length;
    await waitUntil(async () => (await status('/readyz')) === 503, 15_000, '/readyz to answer 503');
    expect(await status('/healthz')).toBe(200);
    await waitUntil(() => results.slice(killedAt).some((r) => r.status >= 500), 30_000, 'a console message refused during the outage');
    expect(await dingtalk('dt-during-outage')).toBeGreaterThanOrEqual(500);
    // Refused with a 5xx within WeCom's 1 s budget for a message it could not store (issue 22, item 7), so WeCom
    // retries instead of piling up: the slowest of a burst of callbacks counts.
    for (let round = 0; round < 3; round++) {
      const burst = await Promise.all(
        Array.from({ length: 8 }, async () => {
          const started = performance.now();
          const res = await wecom();
          return { status: res?.status ?? 0, ms: performance.now() - started };
        }),
      );
      expect(
        burst.map((r) => r.status).every((s) => s >= 500),
        JSON.stringify(burst),
      ).toBe(true);
      expect(Math.max(...burst.map((r) => r.ms)), JSON.stringify(burst)).toBeLessThan(WECOM_REFUSAL_BUDGET_MS);
    }
    // The pushes come due while the database is still down.
    await new Promise((r) => setTimeout(r, Math.max(0, dueSoon.getTime() + 2_000 - Date.now())));

    await ferret.restart();
    await waitUntil(async () => (await status('/readyz')) === 200, 30_000, '/readyz to answer 200 again');
    const afterRecovery = results.length;
    await waitUntil(() => results.slice(afterRecovery).filter((r) => r.status === 200).length >= 10, 30_000, 'console traffic to succeed again');
    running = false;
    await traffic;

    expect(bot.child.exitCode).toBeNull();
    expect(
      results.every((r) => [200, 500, 503].includes(r.status)),
      JSON.stringify(results.filter((r) => ![200, 500, 503].includes(r.status))),
    ).toBe(true);
    // The platform retries the refused DingTalk callback: now it is stored and answered, once.
    expect(await dingtalk('dt-during-outage')).toBe(200);
    expect(await dingtalk('dt-during-outage')).toBe(200);
    const wecomRetry = await wecom();
    expect(wecomRetry?.status).toBe(200);
    // Answered in the retry's passive reply, or — when the message was stored after its refusal and answered
    // meanwhile — by push, once.
    const passive = await wecomRetry!.text();
    if (passive) expect(openPassiveReply(OFFICIAL, passive).content).toContain('企业微信检察官');
    else await waitUntil(async () => wecomApi.sends.some((send) => JSON.stringify(send).includes('企业微信检察官')), 30_000, 'the answer pushed to WeCom');

    const answered = results.filter((r) => r.status === 200).map((r) => r.id);
    const stored = await ConversationModel.find({ platformMessageId: { $in: answered } }, { platformMessageId: 1 }).lean();
    expect(stored).toHaveLength(answered.length);
    expect(await ConversationModel.countDocuments({ channel: 'dingtalk', platformMessageId: 'dt-during-outage' })).toBe(1);
    expect(await ConversationModel.countDocuments({ channel: 'wecom' })).toBe(1);
    await waitUntil(async () => (await ConversationModel.countDocuments({ status: 'processing' })) === 0, 30_000, 'no message left half-done');

    await waitUntil(async () => (await OutboxModel.countDocuments({ key: /^outage-push:/, status: 'sent' })) === 3, 30_000, 'the pending pushes to go out');
    const pushed = fake.batchSends.filter((s) => s.userIds.includes('dt-liaison')).map((s) => JSON.stringify(s.msgParam));
    for (const n of ['first', 'second', 'third']) expect(pushed.filter((p) => p.includes(`通知 ${n}`))).toHaveLength(1);
    expect(bot.output.filter((l) => /uncaught|unhandled/i.test(l))).toEqual([]);
  });

  it('a SIGTERM while the database is down and messages are left half-done ends the process in time (issue 22, item 7)', async () => {
    const past = new Date(Date.now() - 60_000);
    await ConversationModel.insertMany(
      Array.from({ length: 30 }, (_, i) => ({
        channel: 'console',
        platformMessageId: `left-${i}`,
        userId: 'jw-officer',
        kind: 'text',
        text: '帮助',
        receivedAt: past,
        status: 'processing',
        leaseUntil: past,
      })),
    );
    ferret.kill();
    await waitUntil(async () => (await status('/readyz')) === 503, 15_000, '/readyz to answer 503');
    void bot.kill('SIGTERM');
    // A supervisor waits 10 s before it kills; the bot must be gone by then.
    await waitUntil(() => bot.child.exitCode !== null || bot.child.signalCode !== null, 10_000, 'the bot to exit after SIGTERM');
    await ferret.restart();
  }, 60_000);
});
