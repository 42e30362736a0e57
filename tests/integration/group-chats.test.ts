import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { callbackBody, postSignedCallback } from '../support/dingtalk-client';
import { FakeDingTalkApi } from '../support/fake-dingtalk-api';
import { startTestBot, type TestBot } from '../support/test-bot';

/** Group conversations (issue 22 item 2): a group never reads clue facts, reporters or drafts. */

const APP = { appKey: 'dingtestkey', appSecret: 'test-app-secret' };
const BRIBERY = '县建设局副局长张某在工程招投标中收受施工方贿赂二十万元';
const REPORTER = '纪委办案员张明';
const GROUP = 'cidjointgroup';
const ROSTER = [
  readFileSync('config/roster.example.csv', 'utf8').trim(),
  'dt-jw,纪委钉钉办案员刘洋,jw,officer,dingtalk',
  'dt-leader,司法局钉钉领导,sfj,leader,dingtalk',
].join('\n');

let fake: FakeDingTalkApi | undefined;
let bot: TestBot | undefined;

afterEach(async () => {
  await bot?.close();
  await fake?.stop();
  bot = undefined;
  fake = undefined;
});

async function start(groupsYaml?: string): Promise<{ bot: TestBot; fake: FakeDingTalkApi }> {
  const f = await new FakeDingTalkApi({ ...APP, now: () => Date.now() }).start();
  fake = f;
  const env: Record<string, string> = {
    DINGTALK_APP_KEY: APP.appKey,
    DINGTALK_APP_SECRET: APP.appSecret,
    DINGTALK_ROBOT_CODE: 'dingtestrobot',
    DINGTALK_API_BASE: f.apiBase,
    DINGTALK_OAPI_BASE: f.apiBase,
  };
  if (groupsYaml) {
    const dir = mkdtempSync(join(tmpdir(), 'groups-config-'));
    cpSync('config', dir, { recursive: true });
    writeFileSync(join(dir, 'groups.yaml'), groupsYaml);
    env.CONFIG_DIR = dir;
  }
  bot = await startTestBot({ roster: ROSTER, env });
  return { bot, fake: f };
}

let serial = 0;
/** `userId` @-mentions the robot in the group GROUP (or writes in their one-to-one chat). */
async function say(b: TestBot, f: FakeDingTalkApi, userId: string, text: string, where: 'group' | 'single' = 'group'): Promise<void> {
  const group = where === 'group';
  const body = callbackBody({
    senderStaffId: userId,
    text: group ? `@监督协作助手 ${text}` : text,
    msgId: `msg-group-test-${++serial}`,
    conversationType: group ? '2' : '1',
    sessionWebhook: f.sessionWebhookUrl(group ? GROUP : `single-${userId}`),
    sessionWebhookExpiredTime: b.clock.now().getTime() + 90 * 60 * 1000,
    extra: group ? { conversationId: GROUP } : {},
  });
  const res = await postSignedCallback({ url: `${b.url}/dingtalk/callback`, appSecret: APP.appSecret, timestamp: b.clock.now().getTime(), body });
  expect(res.status).toBe(200);
}

/** Over HTTP callbacks the group hears the bot through the robot API (groupMessages/send), never a sessionWebhook. */
const groupPosts = (f: FakeDingTalkApi) => f.groupMessages.filter((g) => g.openConversationId === GROUP).map((g) => JSON.stringify(g.msgParam));
const privateTo = (f: FakeDingTalkApi, userId: string) => f.batchSends.filter((s) => s.userIds.includes(userId)).map((s) => JSON.stringify(s.msgParam));

async function deliverUntil(b: TestBot, condition: () => void): Promise<void> {
  await vi.waitFor(
    async () => {
      await b.sender.deliverDue();
      condition();
    },
    { timeout: 10_000, interval: 50 },
  );
}

async function submitJwClue(b: TestBot): Promise<string> {
  expect((await b.say('jw-officer', `提交线索：${BRIBERY} 实名`)).join('\n')).toContain('确认');
  const number = /XS-\d{4}-\d{4}/.exec((await b.say('jw-officer', '确认')).join('\n'))?.[0];
  expect(number).toBeTruthy();
  return number!;
}

describe('group conversations over the DingTalk callback', () => {
  it('answers 线索 in a group with 请私聊 only, and sends the clue to the sender one-to-one', async () => {
    const { bot: b, fake: f } = await start();
    const number = await submitJwClue(b);
    await say(b, f, 'dt-jw', `线索 ${number}`);
    await deliverUntil(b, () => {
      expect(privateTo(f, 'dt-jw').join('')).toContain(BRIBERY);
      expect(groupPosts(f)).toHaveLength(1);
    });
    expect(groupPosts(f)[0]).toContain('请私聊机器人');
    for (const post of groupPosts(f)) {
      expect(post).not.toContain(BRIBERY);
      expect(post).not.toContain(REPORTER);
      expect(post).not.toContain(number);
    }
  });

  it('runs the clue wizard privately when started in a group; drafts and confirmation never reach the group', async () => {
    const { bot: b, fake: f } = await start();
    await say(b, f, 'dt-jw', '提交线索');
    await deliverUntil(b, () => expect(privateTo(f, 'dt-jw').join('')).toContain('第1步'));
    // Facts typed in the group again go privately; the group hears 请私聊 only.
    await say(b, f, 'dt-jw', BRIBERY);
    await deliverUntil(b, () => {
      expect(privateTo(f, 'dt-jw')).toHaveLength(2);
      expect(groupPosts(f)).toHaveLength(2);
    });
    // The private chat continues the same dialog (each answer waits for the previous reply: DingTalk is answered before dispatch).
    const before = privateTo(f, 'dt-jw').length;
    const single = () => privateTo(f, 'dt-jw').slice(before);
    for (const [index, answer] of ['无', '无', '无', '否'].entries()) {
      await say(b, f, 'dt-jw', answer, 'single');
      await deliverUntil(b, () => expect(single()).toHaveLength(index + 1));
    }
    expect(JSON.stringify(single().at(-1))).toContain('确认');
    expect(groupPosts(f).length).toBeGreaterThanOrEqual(2);
    for (const post of groupPosts(f)) {
      expect(post).toContain('请私聊机器人');
      expect(post).not.toContain(BRIBERY);
      expect(post).not.toContain('草稿：');
    }
  });

  it('answers 帮助 in the group; 概况 only in a group whose configuration lists it', async () => {
    const { bot: b, fake: f } = await start(
      `default:\n  commands: [帮助]\ngroups:\n  - { channel: dingtalk, id: ${GROUP}, name: 联席会议群, commands: [帮助, 概况] }\n`,
    );
    await say(b, f, 'dt-leader', '帮助');
    await say(b, f, 'dt-leader', '概况');
    await deliverUntil(b, () => expect(groupPosts(f)).toHaveLength(2));
    expect(groupPosts(f).join('')).toContain('可用命令');
    expect(groupPosts(f).join('')).toContain('线索');
    expect(groupPosts(f).join('')).not.toContain('请私聊机器人');
    expect(privateTo(f, 'dt-leader')).toHaveLength(0);
  });

  it('sends 概况 privately from a group not configured for it', async () => {
    const { bot: b, fake: f } = await start();
    await say(b, f, 'dt-leader', '概况');
    await deliverUntil(b, () => expect(privateTo(f, 'dt-leader').length + groupPosts(f).length).toBe(2));
    expect(privateTo(f, 'dt-leader').join('')).toContain('线索');
    expect(groupPosts(f)).toEqual([expect.stringContaining('请私聊机器人')]);
  });

  it('refuses at start-up a group configuration that lists a command answering with clue facts', async () => {
    await expect(start('default:\n  commands: [帮助, 线索]\ngroups: []\n')).rejects.toThrow(/线索/);
  });
});
