import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import mongoose from 'mongoose';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectionLeases } from '../../src/app';
import { loadConfig } from '../../src/config';
import { WecomAibotChannel } from '../../src/channels/wecom';
import { loadWecomAibotConfig } from '../../src/channels/wecom/config';
import { createLogger } from '../../src/kernel/logger';
import { ConversationModel } from '../../src/store/mongo/models/conversation';
import { FakeWecomAibot } from '../support/fake-wecom-aibot';
import { startFakeWecomApi } from '../support/fake-wecom-api';
import { OFFICIAL } from '../support/wecom-client';
import { startTestBot, type TestBot } from '../support/test-bot';

const BOT = { botId: 'aib-test-bot', secret: 'aib-test-secret' };
const ROSTER = 'userId,name,agency,roles,channel\nwx-officer,司法局企业微信用户,sfj,officer,wecom';
const BRIBERY = '县住建局副局长周某在工程验收中多次收受施工方现金和购物卡，共计约十五万元';
const POLLUTION = '县农业农村局对某养殖场向河道排放污水的问题长期不作为，河水发黑发臭';

let fake: FakeWecomAibot;
let bot: TestBot | undefined;

function aibotEnv(url: string, leaseMs = 400): Record<string, string> {
  return {
    WECOM_MODE: 'aibot',
    WECOM_BOT_ID: BOT.botId,
    WECOM_BOT_SECRET: BOT.secret,
    WECOM_AIBOT_URL: url,
    CONNECTION_HEARTBEAT_MS: '100',
    CONNECTION_SILENCE_MS: '1000',
    CONNECTION_LEASE_MS: String(leaseMs),
  };
}

/** The content of the stream reply to one message. */
function answerTo(msgid: string): string {
  const answer = fake.answers.get(msgid);
  return JSON.stringify(answer?.body ?? '');
}

beforeEach(async () => {
  fake = await FakeWecomAibot.start(BOT);
});

afterEach(async () => {
  await bot?.close();
  bot = undefined;
  await fake.close();
});

describe('WeCom AI bot over its long connection', () => {
  it('takes a clue and answers it in the stream, then pushes a later reminder with aibot_send_msg', async () => {
    bot = await startTestBot({ roster: ROSTER, env: aibotEnv(fake.url) });
    await fake.until(() => fake.connections === 1, 'the bot to subscribe');

    const asked = fake.userSays('wx-officer', `提交线索：${POLLUTION} 实名`);
    await fake.until(() => fake.answers.has(asked), 'the summary');
    expect(answerTo(asked)).toContain('确认');
    expect(fake.answers.get(asked)?.cmd).toBe('aibot_respond_msg');
    const confirmed = fake.userSays('wx-officer', '确认');
    await fake.until(() => fake.answers.has(confirmed), 'the clue number');
    expect(answerTo(confirmed)).toMatch(/XS-\d{4}-\d{4}/);

    const started = fake.userSays('wx-officer', '提交线索');
    await fake.until(() => fake.answers.has(started), 'the first step');
    await bot.scheduler.tick(new Date(bot.clock.now().getTime() + 31 * 60_000));
    await bot.sender.deliverDue();
    const reminder = fake.pushes.find((push) => JSON.stringify(push).includes('草稿'));
    expect(reminder).toMatchObject({ chatid: 'wx-officer', msgtype: 'markdown' });
  });

  it('downloads and decrypts an image sent during 提交线索 and stores it with the clue; a file over the limit or gone gets a clear answer', async () => {
    const roster = [readFileSync('config/roster.example.csv', 'utf8').trim(), 'wx-officer,司法局企业微信用户,sfj,officer,wecom'].join('\n');
    bot = await startTestBot({ roster, env: aibotEnv(fake.url) });
    await fake.until(() => fake.connections === 1, 'the bot to subscribe');
    const answered = async (msgid: string) => {
      await fake.until(() => fake.answers.has(msgid), 'the answer');
      return answerTo(msgid);
    };
    for (const step of ['提交线索', BRIBERY, '周某', '2026年10月，县城']) await answered(fake.userSays('wx-officer', step));

    // 100 008 bytes: 24 bytes of padding, more than a 16-byte AES block allows; only the 32-byte rule removes them.
    const image = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(100_000)]);
    expect(await answered(fake.userSendsMedia('wx-officer', 'image', image))).toContain('已收到附件「图片.png」（共1个）');
    const tooLarge = Buffer.alloc(11 * 1024 * 1024, 1);
    expect(await answered(fake.userSendsMedia('wx-officer', 'file', tooLarge, { filename: '全部材料.pdf' }))).toContain('附件超过10MB，未保存');
    const expired = fake.userSendsMedia('wx-officer', 'file', Buffer.from('%PDF-1.4'), { filename: '说明.pdf', expired: true });
    expect(await answered(expired)).toContain('未能从平台取到这个附件（可能已过期），未保存。请重新发送一次。');
    for (const step of ['无', '否']) await answered(fake.userSays('wx-officer', step));
    expect(await answered(fake.userSays('wx-officer', '确认'))).toContain('XS-2026-0001');
    expect(fake.mediaGets).toHaveLength(3);

    const res = await bot.post('/console/messages', JSON.stringify({ userId: 'jw-officer', text: '附件 XS-2026-0001 1' }));
    const [reply] = ((await res.json()) as { replies: { image?: { url: string } }[] }).replies;
    const opened = await bot.open(reply!.image!.url, 'jw-officer');
    expect(opened.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await opened.arrayBuffer()).equals(image)).toBe(true);
  });

  it('puts meetings in WeCom calendars through a self-built app when its credentials are set; without them says so once at startup', async () => {
    const roster = [readFileSync('config/roster.example.csv', 'utf8').trim(), 'wx-nyncj,农业农村局企业微信联络员,nyncj,organizer,wecom'].join('\n');
    const schedule = '安排联席会议 2026-12-08 09:30 县司法局三楼会议室 邀请:nyncj';
    const api = await startFakeWecomApi({ corpId: OFFICIAL.corpId, secret: 'app-secret' });
    try {
      const app = { WECOM_CORP_ID: OFFICIAL.corpId, WECOM_AGENT_ID: '1000002', WECOM_SECRET: 'app-secret', WECOM_API_BASE: api.baseUrl };
      bot = await startTestBot({ roster, env: { ...aibotEnv(fake.url), ...app } });
      await bot.say('jcy-organizer', schedule);
      const target = bot;
      await vi.waitFor(
        async () => {
          await target.sender.deliverDue();
          expect(api.schedules.size).toBe(1);
        },
        { timeout: 15_000, interval: 50 },
      );
      expect([...api.schedules.values()][0]!.attendees.map((a) => a.userid)).toEqual(['wx-nyncj']);
      await bot.close();

      const logLines: string[] = [];
      bot = await startTestBot({ roster, env: aibotEnv(fake.url), logLines });
      expect(logLines.filter((line) => line.includes('wecom schedules (日程) off'))).toHaveLength(1);
      await bot.say('jcy-organizer', schedule);
      await bot.sender.deliverDue();
      const rows = await mongoose.connection
        .db!.collection('outbox')
        .find({ channel: 'wecom', key: /^calendar:/ })
        .toArray();
      // Refused once, not retried: nothing waits in the outbox for an API this mode does not have.
      expect(rows.map((row) => [row.status, row.attempts])).toEqual([['failed', 1]]);
      expect(api.schedules.size).toBe(1);
    } finally {
      await api.close();
    }
  });

  it('answers the enter-chat event with a welcome', async () => {
    bot = await startTestBot({ roster: ROSTER, env: aibotEnv(fake.url) });
    await fake.until(() => fake.connections === 1, 'the bot to subscribe');
    const entered = fake.userEnters('wx-officer');
    await fake.until(() => fake.answers.has(entered), 'the welcome');
    expect(fake.answers.get(entered)?.cmd).toBe('aibot_respond_welcome_msg');
  });

  it('notices a connection killed silently mid-burst, reconnects, and answers every message exactly once', async () => {
    bot = await startTestBot({ roster: ROSTER, env: aibotEnv(fake.url) });
    await fake.until(() => fake.connections === 1, 'the bot to subscribe');
    const sent: string[] = [];
    for (let i = 0; i < 10; i++) {
      if (i === 5) fake.killSilently();
      sent.push(fake.userSays('wx-officer', '帮助'));
    }
    await fake.until(() => fake.connections >= 2, 'the bot to reconnect');
    await fake.until(() => sent.every((msgid) => fake.answers.has(msgid)), 'every message answered');

    expect(fake.respondFrames).toHaveLength(sent.length);
    for (const msgid of sent) {
      expect(await ConversationModel.countDocuments({ channel: 'wecom', platformMessageId: `aibot:${msgid}` })).toBe(1);
    }
    const health = (await (await fetch(`${bot.url}/readyz`)).json()) as { connections: { name: string; state: string; reconnects: number }[] };
    expect(health.connections).toEqual([expect.objectContaining({ name: 'wecom-aibot', state: 'open' })]);
    expect(health.connections[0]!.reconnects).toBeGreaterThanOrEqual(1);
    const metrics = await (await fetch(`${bot.url}/metrics`)).text();
    expect(metrics).toMatch(/^jsbot_connection_up\{connection="wecom-aibot"\} 1$/m);
    const reconnects = /^jsbot_connection_reconnects\{connection="wecom-aibot"\} (\d+)$/m.exec(metrics);
    expect(Number(reconnects?.[1])).toBeGreaterThanOrEqual(1);
    expect(metrics).toMatch(/^jsbot_process_resident_memory_bytes \d+/m);
  });

  it('lets one of two bot processes hold the connection; the other stands by and takes over when the holder stops', async () => {
    bot = await startTestBot({ roster: ROSTER, env: aibotEnv(fake.url, 2_000) });
    await fake.until(() => fake.connections === 1, 'the first bot to subscribe');
    const config = { ...loadWecomAibotConfig(loadConfig({ NODE_ENV: 'test', ...aibotEnv(fake.url, 2_000) }).env)! };
    const other = new WecomAibotChannel({
      config,
      receive: bot.inbox.receive,
      clock: bot.clock,
      logger: createLogger('silent'),
      leases: connectionLeases(bot.stores, bot.clock, 'another-process'),
    });
    const state = (channel: { connections?(): { state: string }[] } | undefined) => channel?.connections?.()[0]?.state;
    try {
      await other.start();
      expect(state(other)).toBe('standby');
      await bot.channels.get('wecom')!.stop!();
      await fake.until(() => state(other) === 'open', 'the standby process to take over');
      expect(fake.connections).toBeGreaterThanOrEqual(2);
    } finally {
      await other.stop();
    }
  });
});
