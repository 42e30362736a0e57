import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FixedClock } from '../../../../src/kernel/clock';
import { DingTalkApiClient, DingTalkDeliveryError } from '../../../../src/channels/dingtalk/api-client';
import { FakeDingTalkApi } from '../../../support/fake-dingtalk-api';

const APP = { appKey: 'ding-app-key', appSecret: 'app-secret' };
const GROUP_SECRET = 'SECgroupsecret+/=';
const SECRET_TEXT = '机密线索内容';

let fake: FakeDingTalkApi;
let clock: FixedClock;
let client: DingTalkApiClient;

beforeEach(async () => {
  clock = new FixedClock(new Date());
  fake = await new FakeDingTalkApi({ ...APP, groupSecret: GROUP_SECRET, now: () => clock.now().getTime() }).start();
  client = new DingTalkApiClient(
    { ...APP, robotCode: 'dingrobot', apiBase: fake.apiBase, groupWebhook: fake.groupWebhookUrl, groupSecret: GROUP_SECRET },
    clock,
  );
});

afterEach(() => fake.stop());

async function deliveryError(run: () => Promise<unknown>): Promise<DingTalkDeliveryError> {
  const error = await run().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DingTalkDeliveryError);
  return error as DingTalkDeliveryError;
}

describe('DingTalk API client', () => {
  it('sends one-to-one robot messages with robotCode, userIds, msgKey and a JSON msgParam', async () => {
    await client.sendToUsers(['u1', 'u2'], { text: '请受理', buttons: ['受理 XS-2026-0001'] });
    expect(fake.batchSends).toEqual([
      {
        robotCode: 'dingrobot',
        userIds: ['u1', 'u2'],
        msgKey: 'sampleActionCard',
        msgParam: expect.objectContaining({ singleTitle: '受理 XS-2026-0001' }),
      },
    ]);
  });

  it('splits more than 20 users into calls of at most 20', async () => {
    const users = Array.from({ length: 45 }, (_, i) => `u${i}`);
    await client.sendToUsers(users, { text: 'hi' });
    expect(fake.batchSends.map((call) => call.userIds.length)).toEqual([20, 20, 5]);
    expect(fake.tokenFetches).toBe(1);
  });

  it('shares one token fetch among a burst of concurrent sends', async () => {
    await Promise.all(Array.from({ length: 10 }, (_, i) => client.sendToUsers([`u${i}`], { text: `提醒 ${i}` })));
    expect(fake.batchSends).toHaveLength(10);
    expect(fake.tokenFetches).toBe(1);
  });

  it('fetches a new token once when the old one is refused, and sends again', async () => {
    await client.sendToUsers(['u0'], { text: 'first' });
    fake.expireTokens();
    await Promise.all(Array.from({ length: 5 }, (_, i) => client.sendToUsers([`u${i}`], { text: 'again' })));
    expect(fake.batchSends).toHaveLength(6);
    expect(fake.tokenFetches).toBe(2);
  });

  it('refreshes the token when its stated lifetime has passed', async () => {
    await client.sendToUsers(['u0'], { text: 'first' });
    clock.advance(2 * 60 * 60 * 1000);
    await client.sendToUsers(['u0'], { text: 'later' });
    expect(fake.tokenFetches).toBe(2);
  });

  it('fails with a retryable error that never carries the message text', async () => {
    fake.failNext('batchSend', 1, 503);
    const error = await deliveryError(() => client.sendToUsers(['u1'], { text: SECRET_TEXT }));
    expect(error.retryable).toBe(true);
    expect(error.status).toBe(503);
    expect(error.message).not.toContain(SECRET_TEXT);
    expect(error.message).not.toContain('u1');
    await client.sendToUsers(['u1'], { text: SECRET_TEXT });
    expect(fake.batchSends).toHaveLength(1);
  });

  it('reports a failed token fetch as a delivery error without the secret', async () => {
    const wrong = new DingTalkApiClient({ ...APP, appSecret: 'wrong', robotCode: 'r', apiBase: fake.apiBase }, clock);
    const error = await deliveryError(() => wrong.sendToUsers(['u1'], { text: 'x' }));
    expect(error.operation).toBe('accessToken');
    expect(error.message).not.toContain('wrong');
  });

  it('replies through a session webhook and reports a non-zero errcode', async () => {
    await client.replyViaSessionWebhook(fake.sessionWebhookUrl('s1'), { text: '菜单' });
    expect(fake.sessionReplies).toEqual([{ session: 's1', body: { msgtype: 'text', text: { content: '菜单' } } }]);
    fake.failNext('session', 1, 500);
    await deliveryError(() => client.replyViaSessionWebhook(fake.sessionWebhookUrl('s1'), { text: SECRET_TEXT }));
  });

  it('pushes to the group with a sign the platform accepts', async () => {
    expect(client.hasGroup).toBe(true);
    await client.pushToGroup({ title: '联席会议', text: '7天后召开' });
    expect(fake.rejectedGroupSigns).toBe(0);
    expect(fake.groupPushes).toEqual([{ msgtype: 'markdown', markdown: { title: '联席会议', text: '#### 联席会议\n\n7天后召开' } }]);
  });

  it('treats a refused group sign as a failed delivery', async () => {
    const badSecret = new DingTalkApiClient(
      { ...APP, robotCode: 'r', apiBase: fake.apiBase, groupWebhook: fake.groupWebhookUrl, groupSecret: 'SECwrong' },
      clock,
    );
    const error = await deliveryError(() => badSecret.pushToGroup({ text: 'x' }));
    expect(error.code).toBe('310000');
    expect(fake.groupPushes).toHaveLength(0);
  });

  it('reports an unreachable API as a retryable network error', async () => {
    const offline = new DingTalkApiClient({ ...APP, robotCode: 'r', apiBase: 'http://127.0.0.1:1' }, clock);
    const error = await deliveryError(() => offline.sendToUsers(['u1'], { text: 'x' }));
    expect(error.retryable).toBe(true);
  });
});

describe('the user of a 免登 code (topapi/v2/user/getuserinfo)', () => {
  beforeEach(() => {
    client = new DingTalkApiClient({ ...APP, robotCode: 'dingrobot', apiBase: fake.apiBase, oapiBase: fake.apiBase }, clock);
  });

  it('is the userid, once; null for an unknown or used code (40078); an outage stays an error', async () => {
    fake.addAuthCode('AUTH-A', 'dt-user');
    expect(await client.userIdByCode('AUTH-A')).toBe('dt-user');
    expect(await client.userIdByCode('AUTH-A')).toBeNull();
    expect(await client.userIdByCode('NO-SUCH-CODE')).toBeNull();
    fake.addAuthCode('AUTH-B', 'dt-user');
    fake.failNext('userByCode');
    expect((await deliveryError(() => client.userIdByCode('AUTH-B'))).status).toBe(500);
  });

  it('fetches a new oapi token once when the old one is refused', async () => {
    fake.addAuthCode('AUTH-C', 'dt-user');
    fake.addAuthCode('AUTH-D', 'dt-user');
    await client.userIdByCode('AUTH-C');
    fake.expireTokens();
    expect(await client.userIdByCode('AUTH-D')).toBe('dt-user');
    expect(fake.oapiTokenFetches).toBe(2);
  });
});
