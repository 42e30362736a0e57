import mongoose from 'mongoose';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openJson } from '../../src/store/mongo/at-rest';
import { MongoOutboxStore } from '../../src/store/mongo/outbox';
import { ConversationModel } from '../../src/store/mongo/models/conversation';
import { OutboxModel } from '../../src/store/mongo/models/outbox';
import { callbackBody, postSignedCallback } from '../support/dingtalk-client';
import { FakeDingTalkApi } from '../support/fake-dingtalk-api';
import { startTestBot, type TestBot } from '../support/test-bot';

const outbox = new MongoOutboxStore();

const APP = { appKey: 'dingtestkey', appSecret: 'test-app-secret' };
const GROUP_SECRET = 'SECtestgroupsecret';
const ROSTER = [
  'userId,name,agency,roles,channel',
  'dt-officer,检察官钉钉用户,jcy,officer,dingtalk',
  'dt-leader,司法局领导钉钉用户,sfj,leader,dingtalk',
  ...Array.from({ length: 10 }, (_, i) => `dt-liaison-${i},联络员${i},nyncj,officer,dingtalk`),
].join('\n');
const HOUR = 60 * 60 * 1000;

let fake: FakeDingTalkApi;
let bot: TestBot;

beforeEach(async () => {
  fake = await new FakeDingTalkApi({ ...APP, groupSecret: GROUP_SECRET, now: () => bot.clock.now().getTime() }).start();
  bot = await startTestBot({
    roster: ROSTER,
    env: {
      DINGTALK_APP_KEY: APP.appKey,
      DINGTALK_APP_SECRET: APP.appSecret,
      DINGTALK_ROBOT_CODE: 'dingtestrobot',
      DINGTALK_API_BASE: fake.apiBase,
      DINGTALK_OAPI_BASE: fake.apiBase,
      DINGTALK_GROUP_WEBHOOK: fake.groupWebhookUrl,
      DINGTALK_GROUP_SECRET: GROUP_SECRET,
    },
  });
});

afterEach(async () => {
  await bot.close();
  await fake.stop();
});

function message(senderStaffId: string, text: string, extra: Partial<Parameters<typeof callbackBody>[0]> = {}) {
  return callbackBody({
    senderStaffId,
    text,
    sessionWebhook: fake.sessionWebhookUrl(senderStaffId),
    sessionWebhookExpiredTime: bot.clock.now().getTime() + 90 * 60 * 1000,
    ...extra,
  });
}

function post(body: string | Record<string, unknown>, options: { timestamp?: number; appSecret?: string } = {}) {
  return postSignedCallback({
    url: `${bot.url}/dingtalk/callback`,
    appSecret: options.appSecret ?? APP.appSecret,
    timestamp: options.timestamp ?? bot.clock.now().getTime(),
    body,
  });
}

/** Runs the outbox sender until the condition holds (the inbox answers DingTalk before dispatching). */
async function deliverUntil(condition: () => void): Promise<void> {
  await vi.waitFor(
    async () => {
      await bot.sender.deliverDue();
      condition();
    },
    { timeout: 10_000, interval: 50 },
  );
}

const textOf = (reply: { body: Record<string, unknown> }) => JSON.stringify(reply.body);
/** What the bot answered: over HTTP callbacks always through the robot API, one-to-one (batchSend) or to a group. */
const replies = () => [
  ...fake.batchSends.map((s) => ({ session: s.userIds[0]!, body: s.msgParam })),
  ...fake.groupMessages.map((g) => ({ session: g.openConversationId, body: g.msgParam })),
];

describe('DingTalk callback over real HTTP', () => {
  it('answers a signed 帮助 at once and sends the menu through the robot API (never the body sessionWebhook)', async () => {
    const res = await post(message('dt-officer', '帮助'));
    expect(res.status).toBe(200);
    await deliverUntil(() => expect(replies()).toHaveLength(1));
    expect(replies()[0]!.session).toBe('dt-officer');
    expect(textOf(replies()[0]!)).toContain('帮助');
    expect(fake.sessionReplies).toHaveLength(0);
    const stored = await ConversationModel.findOne({ channel: 'dingtalk', userId: 'dt-officer' }).lean();
    expect(stored).toMatchObject({ direction: 'in' });
    expect(openJson(stored!.text, `conversation.text:dingtalk:${stored!.platformMessageId}`)).toBe('帮助');
  });

  it('gives different menus by role, and strips the @mention in a group', async () => {
    await post(message('dt-officer', '@监督协作助手 帮助', { conversationType: '2' }));
    await post(message('dt-leader', '帮助'));
    await deliverUntil(() => expect(replies()).toHaveLength(2));
    const menuOf = (user: string) => textOf(replies().find((r) => r.session === user)!);
    // The group's answer goes to the group (its conversationId) through the robot API.
    expect(menuOf('ciddt-officer')).not.toEqual(menuOf('dt-leader'));
    expect(menuOf('ciddt-officer')).not.toContain('没有听懂');
  });

  it('refuses a wrong sign and a two-hour-old timestamp with 401, storing nothing', async () => {
    const wrongSign = await post(message('dt-officer', '帮助'), { appSecret: 'not-the-secret' });
    const old = await post(message('dt-officer', '帮助'), { timestamp: bot.clock.now().getTime() - 2 * HOUR });
    const future = await post(message('dt-officer', '帮助'), { timestamp: bot.clock.now().getTime() + 2 * HOUR });
    const unsigned = await fetch(`${bot.url}/dingtalk/callback`, { method: 'POST', body: JSON.stringify(message('dt-officer', '帮助')) });
    expect([wrongSign.status, old.status, future.status, unsigned.status]).toEqual([401, 401, 401, 401]);
    expect(await wrongSign.text()).not.toContain('secret');
    expect(await ConversationModel.countDocuments({ channel: 'dingtalk' })).toBe(0);
  });

  it('processes a msgId delivered three times at once only once', async () => {
    const body = message('dt-officer', '帮助', { msgId: 'msg-dup-1' });
    const answers = await Promise.all([post(body), post(body), post(body)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    await deliverUntil(() => expect(replies().length).toBeGreaterThan(0));
    await bot.sender.deliverDue();
    expect(replies()).toHaveLength(1);
    expect(await ConversationModel.countDocuments({ channel: 'dingtalk', platformMessageId: 'msg-dup-1' })).toBe(1);
  });

  it('answers bad JSON with 400, a body over 1 MB with 413, and a wrong shape with 400', async () => {
    expect((await post('{"msgtype":"text",')).status).toBe(400);
    expect((await post({ msgtype: 'text', text: { content: '帮助' } })).status).toBe(400);
    const huge = JSON.stringify(message('dt-officer', 'x'.repeat(1024 * 1024 + 10)));
    expect((await post(huge)).status).toBe(413);
    expect(await ConversationModel.countDocuments({ channel: 'dingtalk' })).toBe(0);
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
  });

  it('answers an unknown msgtype politely, once, and stores it as nothing', async () => {
    const body = message('dt-officer', '', { msgtype: 'video', msgId: 'msg-video', extra: { content: { duration: 2, downloadCode: 'd', videoType: 'mp4' } } });
    expect((await post(body)).status).toBe(200);
    expect((await post(body)).status).toBe(200);
    await deliverUntil(() => expect(replies()).toHaveLength(1));
    expect(textOf(replies()[0]!)).toContain('请发送文字');
    expect(await ConversationModel.countDocuments({ channel: 'dingtalk' })).toBe(0);
  });

  it('fetches a picture sent during 提交线索 through messageFiles/download and keeps it as a sealed attachment', async () => {
    const picture = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from('dingtalk-evidence-marker '.repeat(40))]);
    fake.files.set('dl-pic-1', { bytes: picture, contentType: 'image/jpeg' });
    const steps = ['提交线索', '县市场监管局对某超市长期销售过期食品的举报一直不予查处', '无', '无'];
    for (const [i, text] of steps.entries()) {
      await post(message('dt-officer', text));
      await deliverUntil(() => expect(replies()).toHaveLength(i + 1));
    }
    await post(message('dt-officer', '', { msgtype: 'picture', extra: { content: { downloadCode: 'dl-pic-1', pictureDownloadCode: 'p' } } }));
    await deliverUntil(() => expect(replies()).toHaveLength(steps.length + 1));
    expect(textOf(replies().at(-1)!)).toContain('已收到附件「图片.jpg」（共1个）');
    expect(fake.fileDownloads).toEqual(['dl-pic-1']);
    const [stored] = await mongoose.connection.db!.collection('clue_attachments').find({}).toArray();
    expect(stored).toMatchObject({ contentType: 'image/jpeg', size: picture.length, chunkCount: 1 });
    const raw = JSON.stringify(await mongoose.connection.db!.collection('clue_attachment_chunks').find({}).toArray());
    expect(raw).not.toContain('dingtalk-evidence-marker');
    expect(JSON.stringify(await ConversationModel.find({ channel: 'dingtalk' }).lean())).not.toContain('dl-pic-1');
  });

  it('answers a group message in its group through groupMessages/send, never through the sessionWebhook', async () => {
    await post(message('dt-officer', '@监督协作助手 帮助', { conversationType: '2', extra: { conversationId: 'cidgroup1' } }));
    await deliverUntil(() => expect(fake.groupMessages).toHaveLength(1));
    expect(fake.groupMessages[0]).toMatchObject({ robotCode: 'dingtestrobot', openConversationId: 'cidgroup1' });
    expect(fake.sessionReplies).toHaveLength(0);
  });

  it('a captured timestamp/sign replayed with a forged body cannot redirect a reply to another conversation (issue 22 item 8)', async () => {
    // The captured request: dt-officer's own chat, its sign over the timestamp only.
    const timestamp = bot.clock.now().getTime();
    expect((await post(message('dt-officer', '帮助', { msgId: 'msg-captured' }), { timestamp })).status).toBe(200);
    // The replay: same timestamp and sign, a forged body naming the attacker's conversation on DingTalk's own host.
    const forged = message('dt-officer', '帮助', {
      msgId: 'msg-forged',
      sessionWebhook: fake.sessionWebhookUrl('attacker-conversation'),
      sessionWebhookExpiredTime: bot.clock.now().getTime() + HOUR,
    });
    expect((await post(forged, { timestamp })).status).toBe(200);
    await post(message('dt-officer', '帮助', { msgId: 'msg-foreign', sessionWebhook: 'http://127.0.0.2:9/robot/sendBySession?session=evil' }), { timestamp });
    await deliverUntil(() => expect(fake.batchSends).toHaveLength(3));
    expect(fake.batchSends.every((s) => s.userIds.length === 1 && s.userIds[0] === 'dt-officer')).toBe(true);
    expect(fake.sessionReplies).toHaveLength(0);
    expect(await OutboxModel.countDocuments({ 'replyHandle.webhook': { $exists: true } })).toBe(0);
  });

  it('keeps a failed reply in the outbox and delivers it on a later try', async () => {
    fake.failNext('batchSend', 1, 502);
    await post(message('dt-officer', '帮助', { msgId: 'msg-retry' }));
    await vi.waitFor(async () => {
      await bot.sender.deliverDue();
      const row = await OutboxModel.findOne({ channel: 'dingtalk' }).lean();
      expect(row).toMatchObject({ status: 'pending', attempts: 1 });
      expect(row!.lastError).not.toContain('帮助');
    });
    expect(replies()).toHaveLength(0);
    bot.clock.advance(60_000);
    await bot.sender.deliverDue();
    expect(replies()).toHaveLength(1);
    expect(await OutboxModel.findOne({ channel: 'dingtalk' }).lean()).toMatchObject({ status: 'sent' });
  });

  it('sends a burst of reminders to DingTalk users with one token fetch, and a group push signed', async () => {
    const now = bot.clock.now();
    const users = Array.from({ length: 10 }, (_, i) => `dt-liaison-${i}`);
    await outbox.enqueue(
      users.map((userId) => ({
        key: `remind:test-doc:7:dingtalk:${userId}`,
        channel: 'dingtalk' as const,
        userId,
        message: { title: '检察建议回复提醒', text: 'JY-2026-001 还有7天到期', buttons: ['回复 JY-2026-001'] },
      })),
      now,
    );
    await outbox.enqueue([{ key: 'meeting:test:group', channel: 'dingtalk', userId: 'group:liaison', message: { text: '联席会议7天后召开' } }], now);
    expect(await bot.sender.deliverDue()).toBe(11);
    expect(fake.batchSends.map((s) => s.userIds[0]).sort()).toEqual([...users].sort());
    expect(fake.batchSends[0]).toMatchObject({ msgKey: 'sampleActionCard', msgParam: { singleTitle: '回复 JY-2026-001' } });
    expect(fake.tokenFetches).toBe(1);
    expect(fake.groupPushes).toEqual([{ msgtype: 'text', text: { content: '联席会议7天后召开' } }]);
    expect(fake.rejectedGroupSigns).toBe(0);
  });

  it('fetches a new token once when the platform refuses the cached one', async () => {
    const now = bot.clock.now();
    await outbox.enqueue([{ key: 'k-first', channel: 'dingtalk', userId: 'dt-leader', message: { text: 'a' } }], now);
    await bot.sender.deliverDue();
    fake.expireTokens();
    await outbox.enqueue(
      Array.from({ length: 5 }, (_, i) => ({ key: `k-${i}`, channel: 'dingtalk' as const, userId: `dt-liaison-${i}`, message: { text: 'b' } })),
      now,
    );
    await bot.sender.deliverDue();
    expect(fake.batchSends).toHaveLength(6);
    expect(fake.tokenFetches).toBe(2);
  });
});
