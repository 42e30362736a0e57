import { execFile } from 'node:child_process';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { createWorkingCalendar, onOrNextWorkingDay } from '../../src/domain/deadlines/calendar';
import { localDateOf } from '../../src/kernel/time/local-time';
import { ConversationModel } from '../../src/store/mongo/models/conversation';
import { OutboxModel } from '../../src/store/mongo/models/outbox';
import { MongoOutboxStore } from '../../src/store/mongo/outbox';
import { callbackBody, postSignedCallback } from '../support/dingtalk-client';
import { FakeDingTalkApi } from '../support/fake-dingtalk-api';
import { startBotProcess, waitUntil, type BotProcess } from './support/bot-process';
import { freshDatabase } from './support/database';
import { importRoster } from './support/roster';

const outbox = new MongoOutboxStore();

const APP = { appKey: 'twin-key', appSecret: 'twin-secret' };
const LIAISONS = Array.from({ length: 5 }, (_, i) => `dt-twin-${i}`);
const DUE_DOCUMENTS = 3;

let fake: FakeDingTalkApi;
let a: BotProcess;
let b: BotProcess;
let tickEnv: Record<string, string>;

beforeAll(async () => {
  fake = await new FakeDingTalkApi(APP).start();
  const { uri } = await freshDatabase();
  await importRoster(LIAISONS.map((id, i) => `${id},钉钉联络员${i},nyncj,officer,dingtalk`));
  const env = {
    DINGTALK_APP_KEY: APP.appKey,
    DINGTALK_APP_SECRET: APP.appSecret,
    DINGTALK_ROBOT_CODE: 'twin-robot',
    DINGTALK_API_BASE: fake.apiBase,
    DINGTALK_OAPI_BASE: fake.apiBase,
  };
  tickEnv = { PATH: process.env.PATH!, HOME: process.env.HOME!, NODE_ENV: 'test', LOG_LEVEL: 'warn', MONGODB_URI: uri, ...env };
  // Both with their scheduler and outbox sender running, as two replicas behind one load balancer.
  [a, b] = await Promise.all([startBotProcess({ mongodbUri: uri, env }), startBotProcess({ mongodbUri: uri, env })]);
}, 120_000);

afterAll(async () => {
  await Promise.all([a?.kill('SIGKILL'), b?.kill('SIGKILL')]);
  await fake?.stop();
  await mongoose.disconnect();
});

function dingtalk(bot: BotProcess, staffId: string, msgId: string) {
  const body = callbackBody({
    senderStaffId: staffId,
    text: '帮助',
    msgId,
    sessionWebhook: fake.sessionWebhookUrl(msgId),
    sessionWebhookExpiredTime: Date.now() + 60 * 60_000,
  });
  return postSignedCallback({ url: `${bot.url}/dingtalk/callback`, appSecret: APP.appSecret, body });
}

describe('two bot processes on one database', () => {
  it('answers console retries split between them once, with the same answer', async () => {
    for (let n = 0; n < 10; n++) {
      const id = `twin-console-${n}`;
      const results = await Promise.all([a, b, a].map((bot) => bot.say('jcy-officer', '帮助', id)));
      const bodies = results.map((r) => ('status' in r && r.status === 200 ? JSON.stringify(r.body) : `failed: ${JSON.stringify(r)}`));
      expect(new Set(bodies).size, bodies.join('\n')).toBe(1);
      expect(await ConversationModel.countDocuments({ platformMessageId: id })).toBe(1);
    }
  });

  it('stores and answers a DingTalk message delivered three times across both processes once', async () => {
    const ids = LIAISONS.map((staff) => `twin-dt-${staff}`);
    for (const [i, id] of ids.entries()) {
      const statuses = await Promise.all([a, b, a].map(async (bot) => (await dingtalk(bot, LIAISONS[i]!, id)).status));
      expect(statuses).toEqual([200, 200, 200]);
    }
    // Over HTTP callbacks every reply goes through the robot API to its sender (one liaison per message here).
    const repliesTo = (staff: string) => fake.batchSends.filter((s) => s.userIds[0] === staff);
    await waitUntil(() => LIAISONS.every((staff) => repliesTo(staff).length > 0), 20_000, 'the replies');
    await new Promise((r) => setTimeout(r, 2_500)); // room for a doubled reply to show up
    for (const [i, id] of ids.entries()) {
      expect(await ConversationModel.countDocuments({ channel: 'dingtalk', platformMessageId: id })).toBe(1);
      expect(repliesTo(LIAISONS[i]!)).toHaveLength(1);
    }
  });

  it('delivers each pending push once although both outbox senders race for it', async () => {
    const items = Array.from({ length: 40 }, (_, n) => ({
      key: `twin-push:${n}`,
      channel: 'dingtalk' as const,
      userId: LIAISONS[n % LIAISONS.length]!,
      message: { text: `推送编号${n}号` },
    }));
    expect(await outbox.enqueue(items, new Date())).toBe(40);
    expect(await outbox.enqueue(items, new Date())).toBe(0);
    await waitUntil(async () => (await OutboxModel.countDocuments({ key: /^twin-push:/, status: 'sent' })) === 40, 30_000, 'all pushes sent');
    await new Promise((r) => setTimeout(r, 2_500));
    const texts = fake.batchSends.map((s) => JSON.stringify(s.msgParam));
    for (let n = 0; n < 40; n++)
      expect(
        texts.filter((t) => t.includes(`推送编号${n}号`)),
        `push ${n}`,
      ).toHaveLength(1);
  });

  it('sends each due reminder once while two CLI ticks and both processes deliver at the same time', async () => {
    for (let n = 1; n <= DUE_DOCUMENTS; n++) {
      const result = await a.say('jcy-officer', `登记检察建议 嘉检行公建〔2026〕${n}号 nyncj 2026-09-01`);
      expect('status' in result && result.status).toBe(200);
    }
    const reminderSends = () =>
      fake.batchSends.flatMap((send) => {
        const text = JSON.stringify(send.msgParam);
        return /JY-2026-\d{4}/.test(text) && /提醒|逾期/.test(text) ? send.userIds.map((user) => `${user} ← ${text}`) : [];
      });
    const before = reminderSends().length;
    // Reminders go out on working days only: on a rest day (the suite may run on a weekend) the ticks run at the next
    // working morning, which only they can deliver (the processes' clocks are real); on a working day, now.
    const workingDay = onOrNextWorkingDay(localDateOf(new Date()), createWorkingCalendar(loadConfig().holidays));
    const at = new Date(Math.max(Date.now(), new Date(`${workingDay}T09:30:00+08:00`).getTime())).toISOString();
    const tick = () =>
      new Promise<number>((resolve) =>
        execFile(
          process.execPath,
          ['--import', 'tsx', 'src/cli/index.ts', 'scheduler', 'tick', '--at', at, '--allow-future'],
          { env: tickEnv, timeout: 45_000 },
          (err) => resolve(err ? 1 : 0),
        ),
      );
    expect(await Promise.all([tick(), tick()])).toEqual([0, 0]);
    await waitUntil(async () => (await OutboxModel.countDocuments({ key: /^remind:/, status: 'pending' })) === 0, 20_000, 'reminders sent');
    await new Promise((r) => setTimeout(r, 2_500));
    const sends = reminderSends().slice(before);
    expect(sends.length).toBeGreaterThanOrEqual(DUE_DOCUMENTS * LIAISONS.length);
    expect(sends.length - new Set(sends).size).toBe(0);
  });
});
