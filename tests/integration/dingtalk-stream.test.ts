import { DWClient } from 'dingtalk-stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DingTalkChannel } from '../../src/channels/dingtalk';
import { loadDingTalkConfig } from '../../src/channels/dingtalk/config';
import { createLogger } from '../../src/kernel/logger';
import { ConversationModel } from '../../src/store/mongo/models/conversation';
import { callbackBody } from '../support/dingtalk-client';
import { robotFrame } from '../support/dingtalk-stream-frames';
import { FakeDingTalkApi } from '../support/fake-dingtalk-api';
import { startTestBot, type TestBot } from '../support/test-bot';

const APP = { appKey: 'dingstreamkey', appSecret: 'stream-secret' };
const ROSTER = 'userId,name,agency,roles,channel\ndt-officer,检察官钉钉用户,jcy,officer,dingtalk';

let fake: FakeDingTalkApi;
let bot: TestBot;
let stream: DingTalkChannel;
let client: DWClient;
let acks: { mock: { calls: unknown[][] } };

beforeEach(async () => {
  fake = await new FakeDingTalkApi(APP).start();
  const env = {
    DINGTALK_APP_KEY: APP.appKey,
    DINGTALK_APP_SECRET: APP.appSecret,
    DINGTALK_ROBOT_CODE: 'r',
    DINGTALK_API_BASE: fake.apiBase,
    DINGTALK_OAPI_BASE: fake.apiBase,
  };
  bot = await startTestBot({ roster: ROSTER, env });
  client = new DWClient({ clientId: APP.appKey, clientSecret: APP.appSecret });
  vi.spyOn(client, 'connect').mockResolvedValue();
  vi.spyOn(client, 'disconnect').mockReturnValue();
  acks = vi.spyOn(client, 'socketCallBackResponse').mockReturnValue();
  stream = new DingTalkChannel({
    config: { ...loadDingTalkConfig(env)!, mode: 'stream' },
    receive: bot.inbox.receive,
    clock: bot.clock,
    logger: createLogger('silent'),
    streamClient: client,
  });
  await stream.start();
});

afterEach(async () => {
  await stream.stop();
  await bot.close();
  await fake.stop();
});

describe('DingTalk stream mode through the real inbox', () => {
  it('stores a robot message once however often it is pushed, acks each push, and replies once', async () => {
    const body = callbackBody({
      senderStaffId: 'dt-officer',
      text: '帮助',
      msgId: 'msg-stream-dup',
      sessionWebhook: fake.sessionWebhookUrl('stream'),
      sessionWebhookExpiredTime: bot.clock.now().getTime() + 90 * 60_000,
    });
    for (const frame of ['f-1', 'f-2', 'f-3']) client.onDownStream(robotFrame(frame, body));
    await vi.waitFor(() => expect(acks).toHaveBeenCalledTimes(3));
    expect(acks.mock.calls.map((call: unknown[]) => call[0])).toEqual(expect.arrayContaining(['f-1', 'f-2', 'f-3']));
    await vi.waitFor(async () => {
      await bot.sender.deliverDue();
      expect(fake.sessionReplies).toHaveLength(1);
    });
    await bot.sender.deliverDue();
    expect(fake.sessionReplies).toHaveLength(1);
    expect(JSON.stringify(fake.sessionReplies[0]!.body)).toContain('帮助');
    expect(await ConversationModel.countDocuments({ channel: 'dingtalk', platformMessageId: 'msg-stream-dup' })).toBe(1);
  });

  it('mounts no HTTP route in stream mode', () => {
    const routes: string[] = [];
    stream.mount({ post: (path: string) => routes.push(path) } as never);
    expect(routes).toEqual([]);
  });
});
