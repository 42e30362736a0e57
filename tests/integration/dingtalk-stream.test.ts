import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConversationModel } from '../../src/store/mongo/models/conversation';
import { callbackBody } from '../support/dingtalk-client';
import { FakeDingTalkApi } from '../support/fake-dingtalk-api';
import { FakeDingTalkStream } from '../support/fake-dingtalk-stream';
import { startTestBot, type TestBot } from '../support/test-bot';

const APP = { appKey: 'dingstreamkey', appSecret: 'stream-secret' };
const ROSTER = 'userId,name,agency,roles,channel\ndt-officer,检察官钉钉用户,jcy,officer,dingtalk';

let api: FakeDingTalkApi;
let gateway: FakeDingTalkStream;
let bot: TestBot;

beforeEach(async () => {
  api = await new FakeDingTalkApi(APP).start();
  gateway = await FakeDingTalkStream.start(APP, api.apiBase);
  bot = await startTestBot({
    roster: ROSTER,
    env: {
      DINGTALK_MODE: 'stream',
      DINGTALK_APP_KEY: APP.appKey,
      DINGTALK_APP_SECRET: APP.appSecret,
      DINGTALK_ROBOT_CODE: 'r',
      DINGTALK_API_BASE: gateway.base,
      DINGTALK_OAPI_BASE: api.apiBase,
      CONNECTION_HEARTBEAT_MS: '100',
      CONNECTION_SILENCE_MS: '1000',
    },
  });
  await gateway.until(() => gateway.connections === 1, 'the bot to connect');
});

afterEach(async () => {
  await bot.close();
  await gateway.close();
  await api.stop();
});

function robotMessage(msgId: string, session: string) {
  return callbackBody({
    senderStaffId: 'dt-officer',
    text: '帮助',
    msgId,
    sessionWebhook: api.sessionWebhookUrl(session),
    sessionWebhookExpiredTime: bot.clock.now().getTime() + 90 * 60_000,
  });
}

/** Runs the outbox sender until `check` holds. */
async function deliverUntil(check: () => boolean, what: string): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > 60_000) throw new Error(`timed out waiting for ${what}`);
    await bot.sender.deliverDue();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('DingTalk stream mode through the gateway and the real inbox', () => {
  it('stores a robot message once however often it is pushed, acks each push, and replies once', async () => {
    const frames = [1, 2, 3].map(() => gateway.robotSays(robotMessage('msg-stream-dup', 'stream')));
    await gateway.until(() => frames.every((id) => gateway.acks.includes(id)), 'three acks');
    await deliverUntil(() => api.sessionReplies.length >= 1, 'the reply');
    await bot.sender.deliverDue();
    expect(api.sessionReplies).toHaveLength(1);
    expect(JSON.stringify(api.sessionReplies[0]!.body)).toContain('帮助');
    expect(await ConversationModel.countDocuments({ channel: 'dingtalk', platformMessageId: 'msg-stream-dup' })).toBe(1);
  });

  it('notices a connection killed silently mid-burst, reconnects with a new ticket, and loses or doubles nothing', async () => {
    const sessions: string[] = [];
    for (let i = 0; i < 10; i++) {
      if (i === 5) gateway.killSilently();
      sessions.push(`burst-${i}`);
      gateway.robotSays(robotMessage(`msg-burst-${i}`, `burst-${i}`));
    }
    await gateway.until(() => gateway.connections >= 2, 'the bot to reconnect');
    await deliverUntil(() => sessions.every((s) => api.sessionReplies.some((r) => r.session === s)), 'a reply to every message');
    await bot.sender.deliverDue();
    for (const session of sessions) expect(api.sessionReplies.filter((r) => r.session === session)).toHaveLength(1);
    for (let i = 0; i < 10; i++) {
      expect(await ConversationModel.countDocuments({ channel: 'dingtalk', platformMessageId: `msg-burst-${i}` })).toBe(1);
    }
    const ready = (await (await fetch(`${bot.url}/readyz`)).json()) as { connections: unknown[] };
    // At least the one reconnect (a starved test machine may add more; nothing is lost or doubled either way).
    expect(ready.connections).toEqual([expect.objectContaining({ name: 'dingtalk-stream', state: 'open', reconnects: expect.any(Number) })]);
    expect((ready.connections[0] as { reconnects: number }).reconnects).toBeGreaterThanOrEqual(1);
  });

  it('mounts no HTTP route in stream mode', async () => {
    expect((await bot.post('/dingtalk/callback', '{}')).status).toBe(404);
  });
});
