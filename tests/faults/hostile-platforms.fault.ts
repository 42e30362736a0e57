import { afterEach, describe, expect, it } from 'vitest';
import { ConversationModel } from '../../src/store/mongo/models/conversation';
import { callbackBody, dingtalkSign, postSignedCallback } from '../support/dingtalk-client';
import { FakeDingTalkApi } from '../support/fake-dingtalk-api';
import { startFakeWecomApi, type FakeWecomApi } from '../support/fake-wecom-api';
import { startTestBot, type TestBot } from '../support/test-bot';
import { OFFICIAL, callbackRequest, encryptFor, openPassiveReply, sign, textMessageXml } from '../support/wecom-client';
import { storedCases } from './support/cases';

const ROSTER = ['userId,name,agency,roles,channel', 'zhaomin,检察官赵敏,jcy,officer,wecom', 'dt-officer,检察官钉钉用户,jcy,officer,dingtalk'].join('\n');
const DT = { appKey: 'hostile-key', appSecret: 'hostile-secret' };
const HOUR = 60 * 60_000;

let bot: TestBot;
let wecomApi: FakeWecomApi;
let dingtalkApi: FakeDingTalkApi;

async function start(): Promise<void> {
  wecomApi = await startFakeWecomApi({ corpId: OFFICIAL.corpId, secret: 'wecom-secret' });
  dingtalkApi = await new FakeDingTalkApi(DT).start();
  bot = await startTestBot({
    roster: ROSTER,
    now: new Date(),
    env: {
      WECOM_CORP_ID: OFFICIAL.corpId,
      WECOM_AGENT_ID: '1000002',
      WECOM_SECRET: 'wecom-secret',
      WECOM_TOKEN: OFFICIAL.token,
      WECOM_ENCODING_AES_KEY: OFFICIAL.encodingAesKey,
      WECOM_API_BASE: wecomApi.baseUrl,
      DINGTALK_APP_KEY: DT.appKey,
      DINGTALK_APP_SECRET: DT.appSecret,
      DINGTALK_ROBOT_CODE: 'hostile-robot',
      DINGTALK_API_BASE: dingtalkApi.apiBase,
      DINGTALK_OAPI_BASE: dingtalkApi.apiBase,
    },
  });
}

afterEach(async () => {
  expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
  expect(await storedCases()).toEqual({});
  await bot.close();
  await wecomApi.close();
  await dingtalkApi.stop();
});

function wecomPost(request: { query: string; body: string | Buffer }): Promise<Response> {
  return fetch(`${bot.url}/wecom/callback?${request.query}`, { method: 'POST', body: request.body, headers: { 'content-type': 'text/xml' } });
}

/** An envelope whose signature is right for whatever Encrypt value it carries. */
function signedEnvelope(encrypted: string, inner = `<Encrypt><![CDATA[${encrypted}]]></Encrypt>`): { query: string; body: string } {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return {
    query: new URLSearchParams({ msg_signature: sign(OFFICIAL.token, timestamp, 'nonce1', encrypted), timestamp, nonce: 'nonce1' }).toString(),
    body: `<xml><ToUserName><![CDATA[${OFFICIAL.corpId}]]></ToUserName>${inner}</xml>`,
  };
}

const BILLION_LAUGHS =
  '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
  '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>';

async function wecomStored(): Promise<number> {
  return ConversationModel.countDocuments({ channel: 'wecom' });
}

describe('hostile WeCom callbacks', () => {
  it('refuses missing or replayed-with-other-body signatures with 401', async () => {
    await start();
    const good = callbackRequest(OFFICIAL, textMessageXml({ from: 'zhaomin', content: '帮助', msgId: '8100000000000000001', corpId: OFFICIAL.corpId }));
    const other = callbackRequest(OFFICIAL, textMessageXml({ from: 'zhaomin', content: '帮助', msgId: '8100000000000000002', corpId: OFFICIAL.corpId }));
    const noSignature = new URLSearchParams(good.query);
    noSignature.delete('msg_signature');
    expect((await wecomPost({ query: noSignature.toString(), body: good.body })).status).toBe(401);
    expect((await wecomPost({ query: '', body: good.body })).status).toBe(401);
    // A captured signature replayed over another message body.
    expect((await wecomPost({ query: good.query, body: other.body })).status).toBe(401);
    expect(await wecomStored()).toBe(0);
  });

  it('answers a replayed request (same signature, same body) with the first answer, storing it once', async () => {
    await start();
    const request = callbackRequest(OFFICIAL, textMessageXml({ from: 'zhaomin', content: '帮助', msgId: '8100000000000000003', corpId: OFFICIAL.corpId }));
    const first = openPassiveReply(OFFICIAL, await (await wecomPost(request)).text()).content;
    const replayed = await wecomPost(request);
    expect(replayed.status).toBe(200);
    const again = await replayed.text();
    if (again) expect(openPassiveReply(OFFICIAL, again).content).toBe(first);
    expect(await wecomStored()).toBe(1);
  });

  it('refuses truncated ciphertext and a message encrypted under the wrong key with 401', async () => {
    await start();
    const encrypted = encryptFor(OFFICIAL, textMessageXml({ from: 'zhaomin', content: '帮助', msgId: '8100000000000000004', corpId: OFFICIAL.corpId }));
    for (const cut of [encrypted.slice(0, 40), encrypted.slice(0, encrypted.length - 24), `${encrypted.slice(0, 24)}=`]) {
      const res = await wecomPost(signedEnvelope(cut));
      expect(res.status, `truncated to ${cut.length}`).toBe(401);
      expect(await res.text()).toBe('');
    }
    const wrongKey = encryptFor(
      { ...OFFICIAL, encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' },
      textMessageXml({ from: 'zhaomin', content: '帮助', msgId: '8100000000000000005', corpId: OFFICIAL.corpId }),
    );
    expect((await wecomPost(signedEnvelope(wrongKey))).status).toBe(401);
    const wrongCorp = callbackRequest(OFFICIAL, textMessageXml({ from: 'zhaomin', content: '帮助', msgId: '8100000000000000006', corpId: 'wwother' }), {
      receiveId: 'wwother',
    });
    expect((await wecomPost(wrongCorp)).status).toBe(401);
    expect(await wecomStored()).toBe(0);
  });

  it('refuses billion laughs and external entities, outside and inside the encrypted message, with 400', async () => {
    await start();
    const outerLaughs = `${BILLION_LAUGHS}<xml><Encrypt>&lol4;</Encrypt></xml>`;
    const outerExternal = '<!DOCTYPE xml [<!ENTITY x SYSTEM "http://127.0.0.1:1/steal">]><xml><Encrypt>&x;</Encrypt></xml>';
    const outerParameter = '<!DOCTYPE xml [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]><xml><Encrypt>x</Encrypt></xml>';
    for (const body of [outerLaughs, outerExternal, outerParameter]) {
      expect((await wecomPost({ query: 'msg_signature=x&timestamp=1&nonce=n', body })).status).toBe(400);
    }
    const innerLaughs = `${BILLION_LAUGHS}<xml><ToUserName>${OFFICIAL.corpId}</ToUserName><FromUserName>zhaomin</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&lol4;</Content><MsgId>8100000000000000007</MsgId></xml>`;
    const innerExternal = `<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><ToUserName>${OFFICIAL.corpId}</ToUserName><FromUserName>zhaomin</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&x;</Content><MsgId>8100000000000000008</MsgId></xml>`;
    for (const inner of [innerLaughs, innerExternal]) {
      const res = await wecomPost(callbackRequest(OFFICIAL, inner));
      expect(res.status).toBe(400);
      expect(await res.text()).not.toContain('root:');
    }
    expect(await wecomStored()).toBe(0);
  });

  it('refuses deeply nested XML with 400 and takes wide XML under the limit without crashing', async () => {
    await start();
    const deep = `<xml>${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}<Encrypt>x</Encrypt></xml>`;
    const deepRes = await wecomPost({ query: 'msg_signature=x&timestamp=1&nonce=n', body: deep });
    expect(deepRes.status).toBeGreaterThanOrEqual(400);
    expect(deepRes.status).toBeLessThan(500);
    const innerDeep = `<xml>${'<a>'.repeat(20_000)}${'</a>'.repeat(20_000)}<ToUserName>${OFFICIAL.corpId}</ToUserName><FromUserName>zhaomin</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>帮助</Content><MsgId>8100000000000000009</MsgId></xml>`;
    const innerRes = await wecomPost(callbackRequest(OFFICIAL, innerDeep));
    expect(innerRes.status).toBeLessThan(500);
    const wide = `<xml>${'<Pad>x</Pad>'.repeat(60_000)}<Encrypt>x</Encrypt></xml>`;
    const wideRes = await wecomPost({ query: 'msg_signature=x&timestamp=1&nonce=n', body: wide });
    expect([400, 401]).toContain(wideRes.status);
    expect(await ConversationModel.countDocuments({ channel: 'wecom', platformMessageId: { $ne: '8100000000000000009' } })).toBe(0);
  });

  it('handles invalid UTF-8, control characters and a 10,000-character message politely', async () => {
    await start();
    const invalid = Buffer.concat([Buffer.from('<xml><Encrypt>'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('</Encrypt></xml>')]);
    expect([400, 401]).toContain((await wecomPost({ query: 'msg_signature=x&timestamp=1&nonce=n', body: invalid })).status);

    const control = callbackRequest(
      OFFICIAL,
      textMessageXml({ from: 'zhaomin', content: '帮\u0001助\u001b', msgId: '8100000000000000010', corpId: OFFICIAL.corpId }),
    );
    const controlRes = await wecomPost(control);
    expect(controlRes.status).toBeLessThan(500);

    const long = callbackRequest(
      OFFICIAL,
      textMessageXml({ from: 'zhaomin', content: '线'.repeat(10_000), msgId: '8100000000000000011', corpId: OFFICIAL.corpId }),
    );
    const longRes = await wecomPost(long);
    expect(longRes.status).toBe(200);
    expect(openPassiveReply(OFFICIAL, await longRes.text()).content).toMatch(/过长/);
  });
});

function dingtalkMessage(text: string, msgId: string, senderStaffId: unknown = 'dt-officer') {
  return {
    ...callbackBody({
      senderStaffId: 'dt-officer',
      text,
      msgId,
      sessionWebhook: dingtalkApi.sessionWebhookUrl(msgId),
      sessionWebhookExpiredTime: Date.now() + HOUR,
    }),
    senderStaffId,
  };
}

function dingtalkPost(body: string | Record<string, unknown>, headers: Record<string, string> | { timestamp: number } = { timestamp: Date.now() }) {
  if ('timestamp' in headers && typeof headers.timestamp === 'number') {
    return postSignedCallback({ url: `${bot.url}/dingtalk/callback`, appSecret: DT.appSecret, timestamp: headers.timestamp, body });
  }
  return fetch(`${bot.url}/dingtalk/callback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(headers as Record<string, string>) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function dingtalkStored(): Promise<number> {
  return ConversationModel.countDocuments({ channel: 'dingtalk' });
}

describe('hostile DingTalk callbacks', () => {
  it('refuses a missing sign or timestamp, a non-numeric or stale timestamp, and a forged sign with 401', async () => {
    await start();
    const body = dingtalkMessage('帮助', 'dt-hostile-1');
    const now = String(Date.now());
    const stale = String(Date.now() - HOUR - 60_000);
    const cases: Record<string, string>[] = [
      { timestamp: now },
      { sign: dingtalkSign(now, DT.appSecret) },
      { timestamp: 'yesterday', sign: dingtalkSign('yesterday', DT.appSecret) },
      { timestamp: `${now}.5`, sign: dingtalkSign(`${now}.5`, DT.appSecret) },
      { timestamp: stale, sign: dingtalkSign(stale, DT.appSecret) },
      { timestamp: now, sign: dingtalkSign(now, 'guessed-secret') },
      { timestamp: now, sign: '' },
      { timestamp: now, sign: 'A'.repeat(10_000) },
    ];
    for (const headers of cases) expect((await dingtalkPost(body, headers)).status, JSON.stringify(headers).slice(0, 80)).toBe(401);
    expect(await dingtalkStored()).toBe(0);
  });

  it('processes a replayed signed request (same msgId within the hour) once', async () => {
    await start();
    const body = dingtalkMessage('帮助', 'dt-hostile-replay');
    const timestamp = Date.now() - 30 * 60_000;
    expect((await dingtalkPost(body, { timestamp })).status).toBe(200);
    expect((await dingtalkPost(body, { timestamp })).status).toBe(200);
    expect(await dingtalkStored()).toBe(1);
  });

  it('refuses operator objects, prototype keys and nesting in the JSON with 400, or ignores the extra keys', async () => {
    await start();
    expect((await dingtalkPost(dingtalkMessage('帮助', 'dt-op-1', { $ne: null }))).status).toBe(400);
    expect((await dingtalkPost({ ...dingtalkMessage('帮助', 'dt-op-2'), msgId: { $gt: '' } })).status).toBe(400);
    expect((await dingtalkPost({ ...dingtalkMessage('', 'dt-op-3'), text: { content: { $ne: '' } } })).status).toBe(400);
    const proto = JSON.stringify(dingtalkMessage('帮助', 'dt-proto')).replace(
      /^\{/,
      '{"__proto__":{"senderStaffId":"dt-admin","isAdmin":true},"constructor":{"prototype":{"x":1}},',
    );
    const protoRes = await dingtalkPost(proto);
    expect([200, 400]).toContain(protoRes.status);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    const deep = JSON.stringify(dingtalkMessage('帮助', 'dt-deep')).replace(/^\{/, `{"deep":${'['.repeat(100_000)}${']'.repeat(100_000)},`);
    // An unknown key, however deep, is ignored: the message itself is a good one.
    expect([200, 400]).toContain((await dingtalkPost(deep)).status);
    expect(await ConversationModel.countDocuments({ channel: 'dingtalk', platformMessageId: { $in: ['dt-op-1', 'dt-op-2', 'dt-op-3'] } })).toBe(0);
    expect(await ConversationModel.countDocuments({ channel: 'dingtalk', userId: { $ne: 'dt-officer' } })).toBe(0);
  });

  it('handles invalid UTF-8, control characters and a 10,000-character message politely', async () => {
    await start();
    const raw = Buffer.from(JSON.stringify(dingtalkMessage('@@TEXT@@', 'dt-utf8')));
    const at = raw.indexOf('@@TEXT@@');
    const invalid = Buffer.concat([raw.subarray(0, at), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), raw.subarray(at + 8)]);
    const timestamp = String(Date.now());
    const res = await fetch(`${bot.url}/dingtalk/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', timestamp, sign: dingtalkSign(timestamp, DT.appSecret) },
      body: invalid,
    });
    expect([200, 400]).toContain(res.status);
    expect((await dingtalkPost(dingtalkMessage('帮\u0000助\u001b[0m', 'dt-control'))).status).toBe(200);
    expect((await dingtalkPost(dingtalkMessage('线'.repeat(10_000), 'dt-long'))).status).toBe(200);
    // Over HTTP callbacks every reply goes through the robot API to the sender (the body's sessionWebhook is never used).
    const tooLong = () => dingtalkApi.batchSends.find((s) => s.userIds[0] === 'dt-officer' && /过长/.test(JSON.stringify(s.msgParam)));
    for (let i = 0; i < 50 && !tooLong(); i++) {
      await bot.sender.deliverDue();
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(tooLong()).toBeTruthy();
    expect(dingtalkApi.sessionReplies).toHaveLength(0);
  });

  it('a captured timestamp/sign with a forged body naming another conversation on DingTalk host posts nothing there (issue 22 item 8)', async () => {
    await start();
    const timestamp = Date.now() - 10 * 60_000;
    expect((await dingtalkPost(dingtalkMessage('帮助', 'dt-captured'), { timestamp })).status).toBe(200);
    const forged = { ...dingtalkMessage('帮助', 'dt-forged'), sessionWebhook: dingtalkApi.sessionWebhookUrl('attacker-chat') };
    expect((await dingtalkPost(forged, { timestamp })).status).toBe(200);
    const group = { ...dingtalkMessage('帮助', 'dt-forged-group'), sessionWebhook: dingtalkApi.sessionWebhookUrl('attacker-group'), conversationType: '2' };
    expect((await dingtalkPost(group, { timestamp })).status).toBe(200);
    for (let i = 0; i < 50 && dingtalkApi.batchSends.length + dingtalkApi.groupMessages.length < 3; i++) {
      await bot.sender.deliverDue();
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(dingtalkApi.sessionReplies.filter((r) => r.session.startsWith('attacker'))).toHaveLength(0);
    expect(dingtalkApi.sessionReplies).toHaveLength(0);
    expect(dingtalkApi.batchSends.every((s) => s.userIds.join() === 'dt-officer')).toBe(true);
    expect(dingtalkApi.batchSends.length + dingtalkApi.groupMessages.length).toBe(3);
  });
});
