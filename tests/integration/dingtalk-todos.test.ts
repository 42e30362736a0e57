import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { instantAt } from '../../src/kernel/time/local-time';
import { parseLocalDate } from '../../src/kernel/time/local-date';
import { FakeDingTalkApi } from '../support/fake-dingtalk-api';
import { startTestBot, type TestBot } from '../support/test-bot';

const APP = { appKey: 'dingtodokey', appSecret: 'todo-secret' };
const ROSTER = [
  'userId,name,agency,roles,channel',
  'jcy-officer,检察官赵敏,jcy,officer,console',
  'nyncj-liaison,农业农村局联络员冯磊,nyncj,organizer,console',
  'nyncj-dt,农业农村局钉钉用户,nyncj,officer,dingtalk',
].join('\n');

let api: FakeDingTalkApi;
let bot: TestBot;

beforeEach(async () => {
  api = await new FakeDingTalkApi(APP).start();
  bot = await startTestBot({
    now: new Date('2026-03-02T02:00:00Z'),
    roster: ROSTER,
    env: {
      DINGTALK_APP_KEY: APP.appKey,
      DINGTALK_APP_SECRET: APP.appSecret,
      DINGTALK_ROBOT_CODE: 'r',
      DINGTALK_API_BASE: api.apiBase,
      DINGTALK_OAPI_BASE: api.apiBase,
    },
  });
});

afterEach(async () => {
  await bot.close();
  await api.stop();
});

const say = async (userId: string, text: string) => (await bot.say(userId, text)).join('\n');
const dueAt = (date: string) => instantAt(parseLocalDate(date), '17:30').getTime();

describe('DingTalk 待办 for deadline items', () => {
  it('creates one 待办 per DingTalk user of the receiving unit, moves it with the deadline and completes it when the item closes', async () => {
    expect(await say('jcy-officer', '登记检察建议 嘉检建〔2026〕1号 县农业农村局 2026-03-02 期限 2026-03-20')).toContain('JY-2026-0001');
    await bot.sender.deliverDue();
    await bot.sender.deliverDue();
    expect([...api.todos.values()]).toEqual([
      expect.objectContaining({ unionId: 'union-nyncj-dt', sourceId: 'JY-2026-0001', dueTime: dueAt('2026-03-20'), done: false }),
    ]);
    const [todo] = [...api.todos.values()];
    expect(todo!.subject).toContain('JY-2026-0001');

    expect(await say('jcy-officer', '调整期限 JY-2026-0001 2026-03-25')).toContain('2026-03-25');
    await bot.sender.deliverDue();
    expect(api.todos.size).toBe(1);
    expect(todo).toMatchObject({ dueTime: dueAt('2026-03-25'), done: false });

    expect(await say('nyncj-liaison', '回复 JY-2026-0001 已书面回复')).toContain('JY-2026-0001');
    await bot.sender.deliverDue();
    await bot.sender.deliverDue();
    expect(api.todos.size).toBe(1);
    expect(todo!.done).toBe(true);
  });
});
