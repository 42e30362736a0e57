import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FixedClock } from '../../../../src/kernel/clock';
import { WecomApiClient, WecomDeliveryError } from '../../../../src/channels/wecom/api-client';
import { startFakeWecomApi, type FakeWecomApi } from '../../../support/fake-wecom-api';

const CREDENTIALS = { corpId: 'ww-corp', secret: 'app-secret' };
const TEN_USERS = Array.from({ length: 10 }, (_, i) => `user${i}`);

let api: FakeWecomApi;
let clock: FixedClock;
let client: WecomApiClient;

beforeEach(async () => {
  api = await startFakeWecomApi(CREDENTIALS);
  clock = new FixedClock(new Date('2026-03-02T01:00:00Z'));
  client = new WecomApiClient({ apiBase: api.baseUrl, ...CREDENTIALS, agentId: 1000002 }, clock);
});

afterEach(async () => {
  await api.close();
});

function sendToEachOf(users: string[]) {
  return Promise.all(users.map((user) => client.send([user], { text: '您有一条待办，请发送“我的待办”查看。' })));
}

describe('access token', () => {
  it('concurrent senders share one gettoken', async () => {
    await sendToEachOf(TEN_USERS);
    expect(api.gettokenCalls()).toBe(1);
    expect(api.sends).toHaveLength(10);
    expect(new Set(api.sends.map((s) => s.accessToken))).toEqual(new Set(['token-1']));
  });

  it('is reused until shortly before expiry, then fetched again', async () => {
    await client.send(['a'], { text: 'x' });
    clock.advance(110 * 60_000);
    await client.send(['a'], { text: 'x' });
    expect(api.gettokenCalls()).toBe(1);
    clock.advance(6 * 60_000);
    await client.send(['a'], { text: 'x' });
    expect(api.gettokenCalls()).toBe(2);
  });

  it('a push to ten users under an expired token costs exactly one extra gettoken', async () => {
    await client.send(['warm-up'], { text: 'x' });
    api.expireIssuedTokens();
    await sendToEachOf(TEN_USERS);
    expect(api.gettokenCalls()).toBe(2);
    expect(
      api.sends
        .slice(1)
        .map((s) => s.body.touser)
        .sort(),
    ).toEqual([...TEN_USERS].sort());
    expect(api.sends.slice(1).every((s) => s.accessToken === 'token-2')).toBe(true);
  });

  it('a 42001 on one send refreshes and retries that send once', async () => {
    await client.send(['a'], { text: 'x' });
    api.failNextSend(42001);
    await client.send(['b'], { text: 'y' });
    expect(api.gettokenCalls()).toBe(2);
    expect(api.sends.map((s) => s.body.touser)).toEqual(['a', 'b']);
  });

  it('wrong credentials fail as a retryable delivery error', async () => {
    const wrong = new WecomApiClient({ apiBase: api.baseUrl, corpId: 'ww-corp', secret: 'nope', agentId: 1 }, clock);
    await expect(wrong.send(['a'], { text: 'x' })).rejects.toMatchObject({ operation: 'gettoken', errcode: 40001, retryable: true });
  });
});

describe('delivery errors', () => {
  it('carry the errcode and never the errmsg', async () => {
    api.failNextSend(45009);
    const error = await client.send(['a'], { text: '机密内容' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WecomDeliveryError);
    expect(error).toMatchObject({ errcode: 45009, retryable: true });
    expect((error as Error).message).toBe('WeCom message/send failed: errcode 45009');
    expect(api.gettokenCalls()).toBe(1);
  });

  it('an unreachable API is a delivery error', async () => {
    await api.close();
    await expect(client.send(['a'], { text: 'x' })).rejects.toBeInstanceOf(WecomDeliveryError);
    api = await startFakeWecomApi(CREDENTIALS);
  });
});

describe('message/send body', () => {
  it('joins receivers with | and names the agent', async () => {
    await client.send(['a', 'b'], { text: 'hi' });
    expect(api.sends[0]?.body).toEqual({ touser: 'a|b', agentid: 1000002, msgtype: 'text', text: { content: 'hi' } });
  });

  it('a text longer than 2048 bytes goes as several message/send calls, in order', async () => {
    await client.send(['a'], { title: '可用命令', text: `${'监'.repeat(1000)}\n结尾` });
    const parts = api.sends.map((send) => (send.body.markdown as { content: string }).content);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((part) => Buffer.byteLength(part) <= 2048)).toBe(true);
    expect(parts.join('').replace(/\n/g, '')).toBe(`**可用命令**${'监'.repeat(1000)}结尾`);
  });
});

describe('the member of a web-authorization code (auth/getuserinfo)', () => {
  it('is the userid of a member, once; null for a non-member (openid only) or an invalid code (40029)', async () => {
    api.addAuthCode('CODE-A', 'zhangsan');
    api.addAuthCode('CODE-EXT', { openid: 'oExternal' });
    expect(await client.userIdByCode('CODE-A')).toBe('zhangsan');
    expect(await client.userIdByCode('CODE-A')).toBeNull();
    expect(await client.userIdByCode('CODE-EXT')).toBeNull();
    expect(await client.userIdByCode('NO-SUCH-CODE')).toBeNull();
  });

  it('refreshes a stale token once and asks again with the same code', async () => {
    await client.send(['warm-up'], { text: 'x' });
    api.expireIssuedTokens();
    api.addAuthCode('CODE-B', 'lisi');
    expect(await client.userIdByCode('CODE-B')).toBe('lisi');
    expect(api.gettokenCalls()).toBe(2);
  });
});
