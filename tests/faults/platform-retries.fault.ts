import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJson } from '../../src/store/mongo/at-rest';
import { ClueModel } from '../../src/store/mongo/models/clue';
import { ConversationModel } from '../../src/store/mongo/models/conversation';
import { DeadlineDocumentModel } from '../../src/store/mongo/models/deadline-document';
import { MeetingModel } from '../../src/store/mongo/models/meeting';
import { OutboxModel } from '../../src/store/mongo/models/outbox';
import { callbackBody, postSignedCallback } from '../support/dingtalk-client';
import { FakeDingTalkApi } from '../support/fake-dingtalk-api';
import { startFakeWecomApi, type FakeWecomApi } from '../support/fake-wecom-api';
import { startTestBot, type TestBot } from '../support/test-bot';
import { OFFICIAL, callbackRequest, openPassiveReply, textMessageXml } from '../support/wecom-client';

const DT = { appKey: 'retry-key', appSecret: 'retry-secret' };
const PEOPLE = [
  ['officer', '检察官', 'jcy', 'officer'],
  ['organizer', '检察院联络员', 'jcy', 'organizer'],
  ['nyncj', '农业农村局联络员', 'nyncj', 'organizer'],
] as const;

let bot: TestBot;
let wecomApi: FakeWecomApi;
let dingtalkApi: FakeDingTalkApi;
let serial = 0;

beforeAll(async () => {
  wecomApi = await startFakeWecomApi({ corpId: OFFICIAL.corpId, secret: 'retry-wecom-secret' });
  dingtalkApi = await new FakeDingTalkApi(DT).start();
  const rows = ['wecom', 'dingtalk'].flatMap((channel) =>
    PEOPLE.map(([id, name, agency, role]) => `${channel}-${id},${name}${channel},${agency},${role},${channel}`),
  );
  bot = await startTestBot({
    now: new Date('2026-03-02T02:00:00Z'),
    roster: [readFileSync('config/roster.example.csv', 'utf8').trim(), ...rows].join('\n'),
    env: {
      WECOM_CORP_ID: OFFICIAL.corpId,
      WECOM_AGENT_ID: '1000002',
      WECOM_SECRET: 'retry-wecom-secret',
      WECOM_TOKEN: OFFICIAL.token,
      WECOM_ENCODING_AES_KEY: OFFICIAL.encodingAesKey,
      WECOM_API_BASE: wecomApi.baseUrl,
      DINGTALK_APP_KEY: DT.appKey,
      DINGTALK_APP_SECRET: DT.appSecret,
      DINGTALK_ROBOT_CODE: 'retry-robot',
      DINGTALK_API_BASE: dingtalkApi.apiBase,
      DINGTALK_OAPI_BASE: dingtalkApi.apiBase,
    },
  });
});

afterAll(async () => {
  await bot?.close();
  await wecomApi?.close();
  await dingtalkApi?.stop();
});

type Channel = 'wecom' | 'dingtalk';

/** Delivers one message three times at once, as a platform retrying; returns the one answer the user saw. */
async function thrice(channel: Channel, who: (typeof PEOPLE)[number][0], text: string): Promise<string> {
  const userId = `${channel}-${who}`;
  const id = `${Date.now()}${String(++serial).padStart(4, '0')}`;
  let answer: string;
  if (channel === 'wecom') {
    const request = callbackRequest(OFFICIAL, textMessageXml({ from: userId, content: text, msgId: id, corpId: OFFICIAL.corpId }));
    const post = () => fetch(`${bot.url}/wecom/callback?${request.query}`, { method: 'POST', body: request.body, headers: { 'content-type': 'text/xml' } });
    const responses = await Promise.all([post(), post(), post()]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    const contents = (await Promise.all(responses.map((r) => r.text()))).filter(Boolean).map((xml) => openPassiveReply(OFFICIAL, xml).content ?? '');
    expect(contents.length, text).toBeGreaterThan(0);
    expect(new Set(contents).size, `${text}: ${contents.join(' | ')}`).toBe(1);
    answer = contents[0]!;
  } else {
    const body = callbackBody({
      senderStaffId: userId,
      text,
      msgId: id,
      sessionWebhook: dingtalkApi.sessionWebhookUrl(id),
      sessionWebhookExpiredTime: bot.clock.now().getTime() + 3_600_000,
    });
    const post = () => postSignedCallback({ url: `${bot.url}/dingtalk/callback`, appSecret: DT.appSecret, body, timestamp: bot.clock.now().getTime() });
    const responses = await Promise.all([post(), post(), post()]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    // Over HTTP callbacks every reply goes through the robot API to the sender, as pushes to them do: the reply is
    // found by its outbox key (pushes are checked for doubles by noDoubledPush).
    const replyRows = () => OutboxModel.find({ key: new RegExp(`^reply:dingtalk:${userId}:${id}:`) }).lean();
    for (let i = 0; i < 100 && !(await replyRows()).some((row) => row.status === 'sent'); i++) {
      await bot.sender.deliverDue();
      await new Promise((r) => setTimeout(r, 50));
    }
    await bot.sender.deliverDue();
    const replies = await replyRows();
    expect(replies, text).toHaveLength(1);
    expect(replies[0]!.status, text).toBe('sent');
    answer = JSON.stringify(openJson(replies[0]!.message, `outbox.message:${replies[0]!.key}`));
  }
  const stored = channel === 'wecom' ? `msg:${id}` : id;
  expect(await ConversationModel.countDocuments({ channel, platformMessageId: stored }), text).toBe(1);
  return answer;
}

/** No user got the same pushed text twice. */
async function noDoubledPush(): Promise<void> {
  await bot.sender.deliverDue();
  const rows = await OutboxModel.find({ key: { $not: /^reply:/ } }).lean();
  const seen = rows.map((row) => `${row.channel}:${row.userId}:${JSON.stringify(openJson(row.message, `outbox.message:${row.key}`))}`);
  expect(seen.length - new Set(seen).size).toBe(0);
}

describe('three concurrent deliveries of every command that writes: one message, one effect, one answer', () => {
  for (const channel of ['wecom', 'dingtalk'] as const) {
    it(`over ${channel}`, async () => {
      const clues = await ClueModel.countDocuments();
      expect(await thrice(channel, 'officer', '提交线索：县农业农村局对养殖场向河道排放污水长期不作为 实名')).toContain('确认');
      const confirmed = await thrice(channel, 'officer', '确认');
      const number = /XS-\d{4}-\d{4}/.exec(confirmed)?.[0];
      expect(number, confirmed).toBeDefined();
      expect(await ClueModel.countDocuments()).toBe(clues + 1);

      await thrice(channel, 'organizer', `受理 ${number}`);
      expect(await ClueModel.findOne({ number }).lean()).toMatchObject({ status: 'accepted', version: 1 });
      await thrice(channel, 'organizer', `办结 ${number} 已督促整改到位`);
      expect(await ClueModel.findOne({ number }).lean()).toMatchObject({ status: 'concluded', version: 2 });

      const documents = await DeadlineDocumentModel.countDocuments();
      const registered = await thrice(channel, 'officer', `登记检察建议 嘉检行公建〔2026〕${channel}号 nyncj 2026-03-02`);
      const docNumber = /JY-\d{4}-\d{4}/.exec(registered)?.[0];
      expect(docNumber, registered).toBeDefined();
      expect(await DeadlineDocumentModel.countDocuments()).toBe(documents + 1);
      await thrice(channel, 'nyncj', `回复 ${docNumber} 已书面回复并整改`);
      expect(await DeadlineDocumentModel.findOne({ number: docNumber }).lean()).toMatchObject({ status: 'closed' });

      const meetings = await MeetingModel.countDocuments();
      expect(await thrice(channel, 'organizer', `安排联席会议 2026-06-${channel === 'wecom' ? '18' : '26'} 09:30 县司法局三楼会议室 上半年通报`)).toMatch(
        /HY-\d{4}-\d{4}/,
      );
      expect(await MeetingModel.countDocuments()).toBe(meetings + 1);

      await noDoubledPush();
    });
  }
});
