import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../src/config';
import { ConversationModel } from '../../src/store/mongo/models/conversation';
import { OutboxModel } from '../../src/store/mongo/models/outbox';
import { MongoOutboxStore } from '../../src/store/mongo/outbox';
import { startFakeWecomApi, type FakeWecomApi } from '../support/fake-wecom-api';
import { startTestBot, type TestBot } from '../support/test-bot';
import { OFFICIAL, callbackRequest, encryptFor, eventXml, openPassiveReply, sign, textMessageXml, verificationQuery } from '../support/wecom-client';

const outbox = new MongoOutboxStore();

const SECRET = 'wecom-app-secret';
const TEN_OFFICERS = Array.from({ length: 10 }, (_, i) => `officer${i}`);
const ROSTER = [
  'userId,name,agency,roles,channel',
  ...TEN_OFFICERS.map((id, i) => `${id},司法局执法监督员${i},sfj,officer,wecom`),
  'zhaomin,检察官赵敏,jcy,officer,wecom',
  'sunli,检察长孙立,jcy,leader,wecom',
  'zhaomin,检察官赵敏,jcy,officer,console',
].join('\n');

// PROTOCOLS.md §4 V1, as WeCom sends it (URL-encoded).
const V1_QUERY =
  'msg_signature=5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3&timestamp=1409659589&nonce=263014780&echostr=P9nAzCzyDtyTWESHep1vC5X9xho%2FqYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp%2B4RPcs8TgAE7OaBO%2BFZXvnaqQ%3D%3D';
const V2_QUERY = 'msg_signature=477715d11cdb4164915debcba66cb864d751f3e6&timestamp=1409659813&nonce=1372623149';
const V2_BODY =
  '<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>';

let api: FakeWecomApi;
let bot: TestBot | undefined;

function wecomEnv(budgetMs = 3000): Record<string, string> {
  return {
    WECOM_CORP_ID: OFFICIAL.corpId,
    WECOM_AGENT_ID: '1000002',
    WECOM_SECRET: SECRET,
    WECOM_TOKEN: OFFICIAL.token,
    WECOM_ENCODING_AES_KEY: OFFICIAL.encodingAesKey,
    WECOM_API_BASE: api.baseUrl,
    WECOM_REPLY_BUDGET_MS: String(budgetMs),
  };
}

async function startBot(budgetMs = 3000): Promise<TestBot> {
  bot = await startTestBot({ roster: ROSTER, env: wecomEnv(budgetMs) });
  return bot;
}

function postCallback(target: TestBot, request: { query: string; body: string }): Promise<Response> {
  return fetch(`${target.url}/wecom/callback?${request.query}`, {
    method: 'POST',
    body: request.body,
    headers: { 'content-type': 'text/xml' },
  });
}

/** The markdown contents the fake WeCom accepted, in order. */
function markdownParts(): string[] {
  return api.sends.map((send) => (send.body.markdown as { content: string }).content);
}

function sendText(target: TestBot, from: string, content: string, msgId: string): Promise<Response> {
  return postCallback(target, callbackRequest(OFFICIAL, textMessageXml({ from, content, msgId, corpId: OFFICIAL.corpId })));
}

beforeEach(async () => {
  api = await startFakeWecomApi({ corpId: OFFICIAL.corpId, secret: SECRET });
});

afterEach(async () => {
  await bot?.close();
  bot = undefined;
  await api.close();
});

describe('URL verification (GET /wecom/callback)', () => {
  it('answers the official vector with its plaintext and nothing else', async () => {
    const target = await startBot();
    const res = await fetch(`${target.url}/wecom/callback?${V1_QUERY}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('1616140317555161061');
  });

  it('answers an echostr from the test client', async () => {
    const target = await startBot();
    const res = await fetch(`${target.url}/wecom/callback?${verificationQuery(OFFICIAL, 'echo-42')}`);
    expect(await res.text()).toBe('echo-42');
  });

  it('refuses a bad signature or another corp with an empty 401', async () => {
    const target = await startBot();
    const forged = V1_QUERY.replace('5c45ff5e', '5c45ff5f');
    const otherCorp = verificationQuery(OFFICIAL, 'echo', 'ww-other-corp');
    for (const query of [forged, otherCorp, '']) {
      const res = await fetch(`${target.url}/wecom/callback?${query}`);
      expect(res.status).toBe(401);
      expect(await res.text()).toBe('');
    }
  });
});

describe('messages (POST /wecom/callback)', () => {
  it("帮助 from a roster user gets an encrypted passive reply with that user's menu", async () => {
    const target = await startBot();
    const res = await sendText(target, 'zhaomin', '帮助', '7000000000000000001');
    expect(res.status).toBe(200);
    const reply = openPassiveReply(OFFICIAL, await res.text());
    expect(reply.toUser).toBe('zhaomin');
    const consoleMenu = (await target.say('zhaomin', '帮助')).join('\n');
    // The menu fits one passive reply (2,048 bytes): nothing follows by push.
    await target.sender.deliverDue();
    expect(Buffer.byteLength(reply.content!)).toBeLessThanOrEqual(2048);
    expect(reply.content).toBe(`【可用命令】\n${consoleMenu}`);
    expect(api.sends).toEqual([]);
    // A reply longer than one passive reply (here a clue draft echoing long facts) continues by push, split at line breaks.
    const facts = `县农业农村局执法人员在检查中收受好处费，${'涉及多家农资门店，当事人反映执法人员多次上门索要财物。'.repeat(60)}`;
    const first = openPassiveReply(OFFICIAL, await (await sendText(target, 'zhaomin', `提交线索：${facts} 实名`, '7000000000000000011')).text()).content!;
    await target.sender.deliverDue();
    const pushed = api.sends.map((send) => (send.body.text as { content: string }).content);
    expect(pushed.length).toBeGreaterThan(0);
    for (const piece of [first, ...pushed]) expect(Buffer.byteLength(piece)).toBeLessThanOrEqual(2048);
    // A line longer than a message is cut at a character boundary: nothing of it is lost.
    expect([first, ...pushed].join('').replace(/\n/g, '')).toContain(facts.replace(/。$/, ''));
    await sendText(target, 'zhaomin', '取消', '7000000000000000012');
    const sendsBefore = api.sends.length;
    const leaderReply = openPassiveReply(OFFICIAL, await (await sendText(target, 'sunli', '帮助', '7000000000000000002')).text());
    expect(leaderReply.content).toContain('孙立');
    expect(leaderReply.content).not.toBe(reply.content);
    await target.sender.deliverDue();
    expect(api.sends.slice(sendsBefore).every((send) => send.body.touser === 'sunli')).toBe(true);
  });

  it('user text with `<!` is text, not XML: stored and answered (issue 22, item 10)', async () => {
    const target = await startBot();
    const texts = ['对方说“<!DOCTYPE html>”网页被篡改', '<!重要> 帮助', '<!ENTITY e SYSTEM "file:///etc/passwd"> &e;'];
    for (const [i, content] of texts.entries()) {
      const res = await sendText(target, 'zhaomin', content, `710000000000000000${i}`);
      expect(res.status).toBe(200);
      expect(openPassiveReply(OFFICIAL, await res.text()).content).toBeTruthy();
    }
    expect(await ConversationModel.countDocuments({ channel: 'wecom', userId: 'zhaomin' })).toBe(texts.length);
    // A declaration in the decrypted message's own markup (outside its text) is still refused.
    const encrypted = encryptFor(
      OFFICIAL,
      `<!DOCTYPE xml [<!ENTITY e "x">]>${textMessageXml({ from: 'zhaomin', content: '帮助', msgId: '7200000000000000001', corpId: OFFICIAL.corpId })}`,
    );
    const query = new URLSearchParams({ msg_signature: sign(OFFICIAL.token, '1', 'n', encrypted), timestamp: '1', nonce: 'n' }).toString();
    expect((await postCallback(target, { query, body: `<xml><Encrypt>${encrypted}</Encrypt></xml>` })).status).toBe(400);
    expect(await ConversationModel.countDocuments({ channel: 'wecom', userId: 'zhaomin' })).toBe(texts.length);
  });

  it('the official V2 message from an unregistered sender gets the 未登记 answer', async () => {
    const target = await startBot();
    const res = await postCallback(target, { query: V2_QUERY, body: V2_BODY });
    expect(openPassiveReply(OFFICIAL, await res.text()).content).toContain('未登记');
    expect(await ConversationModel.countDocuments({ channel: 'wecom', platformMessageId: 'msg:4561255354251345929' })).toBe(1);
  });

  it('three concurrent deliveries of one MsgId store one message and give one answer', async () => {
    const target = await startBot();
    const request = callbackRequest(OFFICIAL, textMessageXml({ from: 'zhaomin', content: '帮助', msgId: '7000000000000000003', corpId: OFFICIAL.corpId }));
    const responses = await Promise.all([postCallback(target, request), postCallback(target, request), postCallback(target, request)]);
    const contents = await Promise.all(responses.map(async (res) => openPassiveReply(OFFICIAL, await res.text()).content));
    expect(new Set(contents).size).toBe(1);
    expect(contents[0]).toContain('赵敏');
    expect(await ConversationModel.countDocuments({ channel: 'wecom', platformMessageId: 'msg:7000000000000000003' })).toBe(1);
    expect(api.sends).toHaveLength(0);
  });

  it('an answer not ready within the budget is answered empty and arrives by message/send', async () => {
    const target = await startBot(0);
    const res = await sendText(target, 'zhaomin', '帮助', '7000000000000000004');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    target.sender.start();
    const [sent] = await api.waitForSends(1);
    expect(sent?.body).toMatchObject({ touser: 'zhaomin', agentid: 1000002, msgtype: 'markdown' });
    expect(JSON.stringify(sent?.body)).toContain('赵敏');
    expect(api.gettokenCalls()).toBe(1);
  });

  it('帮助 pushed after the budget goes as markdown of at most 2048 bytes a part, in order, the whole menu', async () => {
    const target = await startBot(0);
    const menu = `**可用命令**\n\n${(await target.say('zhaomin', '帮助')).join('\n')}`;
    expect(await (await sendText(target, 'zhaomin', '帮助', '7000000000000000007')).text()).toBe('');
    await vi.waitFor(
      async () => {
        await target.sender.deliverDue();
        expect(markdownParts().join('\n')).toBe(menu);
      },
      { timeout: 10_000, interval: 100 },
    );
    for (const part of markdownParts()) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(2048);
  });

  it('a retry after the budget ran out is answered empty and the answer is pushed once', async () => {
    const target = await startBot(0);
    const request = callbackRequest(OFFICIAL, textMessageXml({ from: 'zhaomin', content: '帮助', msgId: '7000000000000000006', corpId: OFFICIAL.corpId }));
    const first = await postCallback(target, request);
    const retry = await postCallback(target, request);
    expect([await first.text(), await retry.text()]).toEqual(['', '']);
    const menu = `**可用命令**\n\n${(await target.say('zhaomin', '帮助')).join('\n')}`;
    target.sender.start();
    await api.waitForSends(1);
    await vi.waitFor(() => expect(markdownParts().join('\n')).toBe(menu), { timeout: 10_000, interval: 100 });
    await target.sender.deliverDue();
    expect(markdownParts().join('\n')).toBe(menu);
    expect(await ConversationModel.countDocuments({ channel: 'wecom', platformMessageId: 'msg:7000000000000000006' })).toBe(1);
  });

  it('a card click comes back as its command, deduped by sender, time, key and task', async () => {
    const target = await startBot();
    const click = callbackRequest(
      OFFICIAL,
      eventXml({ from: 'zhaomin', corpId: OFFICIAL.corpId, event: 'template_card_event', createTime: 1795000000, eventKey: '帮助', taskId: 't-1' }),
    );
    const first = openPassiveReply(OFFICIAL, await (await postCallback(target, click)).text());
    const retry = openPassiveReply(OFFICIAL, await (await postCallback(target, click)).text());
    expect(first.content).toContain('赵敏');
    expect(retry.content).toBe(first.content);
    expect(await ConversationModel.countDocuments({ channel: 'wecom', platformMessageId: 'event:zhaomin:1795000000:template_card_event:帮助:t-1' })).toBe(1);
  });
});

describe('hostile input', () => {
  async function expectRefused(res: Response, status: number): Promise<void> {
    expect(res.status).toBe(status);
    expect(await ConversationModel.countDocuments({ channel: 'wecom' })).toBe(0);
  }

  it('a body over 1 MB gets 413', async () => {
    const target = await startBot();
    await expectRefused(await postCallback(target, { query: V2_QUERY, body: `<xml><Encrypt>${'A'.repeat(1024 * 1024)}</Encrypt></xml>` }), 413);
  });

  it('DOCTYPE or entity declarations get 400', async () => {
    const target = await startBot();
    const xxe = '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><Encrypt>&e;</Encrypt></xml>';
    await expectRefused(await postCallback(target, { query: V2_QUERY, body: xxe }), 400);
  });

  it('non-XML or a missing Encrypt gets 400', async () => {
    const target = await startBot();
    await expectRefused(await postCallback(target, { query: V2_QUERY, body: '{"Encrypt":"x"}' }), 400);
    await expectRefused(await postCallback(target, { query: V2_QUERY, body: '<xml><ToUserName>x</ToUserName></xml>' }), 400);
  });

  it('a forged signature, another corp, or an undecryptable body gets an empty 401', async () => {
    const target = await startBot();
    const forged = await postCallback(target, { query: V2_QUERY.replace('477715d1', '477715d2'), body: V2_BODY });
    await expectRefused(forged, 401);
    expect(await forged.text()).toBe('');
    const otherCorp = callbackRequest(OFFICIAL, textMessageXml({ from: 'zhaomin', content: '帮助', msgId: '1', corpId: OFFICIAL.corpId }), {
      receiveId: 'ww-other-corp',
    });
    await expectRefused(await postCallback(target, otherCorp), 401);
    const garbage = Buffer.alloc(64, 7).toString('base64');
    const query = new URLSearchParams({ msg_signature: sign(OFFICIAL.token, '1', 'n', garbage), timestamp: '1', nonce: 'n' }).toString();
    await expectRefused(await postCallback(target, { query, body: `<xml><Encrypt><![CDATA[${garbage}]]></Encrypt></xml>` }), 401);
    const notBase64 = 'not base64!';
    const query2 = new URLSearchParams({ msg_signature: sign(OFFICIAL.token, '1', 'n', notBase64), timestamp: '1', nonce: 'n' }).toString();
    await expectRefused(await postCallback(target, { query: query2, body: `<xml><Encrypt>${notBase64}</Encrypt></xml>` }), 401);
  });

  it('a decrypted message that is not a valid callback gets 400 and reaches nothing', async () => {
    const target = await startBot();
    const encrypted = encryptFor(OFFICIAL, '<xml><MsgType>text</MsgType></xml>');
    const query = new URLSearchParams({ msg_signature: sign(OFFICIAL.token, '1', 'n', encrypted), timestamp: '1', nonce: 'n' }).toString();
    await expectRefused(await postCallback(target, { query, body: `<xml><Encrypt>${encrypted}</Encrypt></xml>` }), 400);
  });

  it('the server keeps answering after all of the above', async () => {
    const target = await startBot();
    await postCallback(target, { query: V2_QUERY, body: '<!DOCTYPE x><xml/>' });
    const res = await sendText(target, 'zhaomin', '帮助', '7000000000000000005');
    expect(openPassiveReply(OFFICIAL, await res.text()).content).toContain('赵敏');
  });
});

describe('active push through the outbox', () => {
  function pushToTenOfficers(prefix: string, at: Date) {
    return outbox.enqueue(
      TEN_OFFICERS.map((userId) => ({
        key: `${prefix}:${userId}`,
        channel: 'wecom' as const,
        userId,
        message: { title: '整改提醒', text: '有 1 项整改即将到期，请发送“我的待办”查看。' },
      })),
      at,
    );
  }

  it('a push to ten users under an expired token costs exactly one extra gettoken', async () => {
    const target = await startBot();
    await outbox.enqueue([{ key: 'warm-up', channel: 'wecom', userId: 'zhaomin', message: { text: '测试' } }], target.clock.now());
    await target.sender.deliverDue();
    expect(api.gettokenCalls()).toBe(1);
    api.expireIssuedTokens();
    await pushToTenOfficers('remind:test', target.clock.now());
    expect(await target.sender.deliverDue()).toBe(10);
    expect(api.gettokenCalls()).toBe(2);
    expect(
      api.sends
        .slice(1)
        .map((s) => s.body.touser)
        .sort(),
    ).toEqual([...TEN_OFFICERS].sort());
    expect(await OutboxModel.countDocuments({ channel: 'wecom', status: 'sent' })).toBe(11);
  });

  it('a refused send stays in the outbox with its errcode only, and goes out on a later try', async () => {
    const target = await startBot();
    await outbox.enqueue([{ key: 'notify:1', channel: 'wecom', userId: 'zhaomin', message: { text: '机密线索内容' } }], target.clock.now());
    api.failNextSend(45009);
    expect(await target.sender.deliverDue()).toBe(0);
    const row = await OutboxModel.findOne({ key: 'notify:1' }).lean();
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'WeCom message/send failed: errcode 45009' });
    target.clock.advance(60_000);
    expect(await target.sender.deliverDue()).toBe(1);
    expect(api.sends.map((s) => s.body.touser)).toEqual(['zhaomin']);
  });

  it('buttons arrive as a card whose button keys are the commands', async () => {
    const target = await startBot();
    await outbox.enqueue(
      [{ key: 'card:1', channel: 'wecom', userId: 'zhaomin', message: { title: '新线索', text: '请受理。', buttons: ['受理 XS-1', '已阅 XS-1'] } }],
      target.clock.now(),
    );
    await target.sender.deliverDue();
    const card = api.sends[0]?.body.template_card as { card_type: string; button_list: { key: string }[] };
    expect(card.card_type).toBe('button_interaction');
    expect(card.button_list.map((b) => b.key)).toEqual(['受理 XS-1', '已阅 XS-1']);
  });
});

describe('configuration', () => {
  it('without WeCom settings the channel is off', async () => {
    bot = await startTestBot({ roster: ROSTER });
    const target = bot;
    expect(target.channels.has('wecom')).toBe(false);
    expect((await fetch(`${target.url}/wecom/callback?${V1_QUERY}`)).status).toBe(404);
  });

  it('a malformed EncodingAESKey stops start-up, naming the variable', async () => {
    await expect(startTestBot({ roster: ROSTER, env: { ...wecomEnv(), WECOM_ENCODING_AES_KEY: 'too-short' } })).rejects.toThrow(ConfigError);
    await expect(startTestBot({ roster: ROSTER, env: { ...wecomEnv(), WECOM_ENCODING_AES_KEY: 'too-short' } })).rejects.toThrow(/WECOM_ENCODING_AES_KEY/);
  });
});
