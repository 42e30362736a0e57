import { afterEach, describe, expect, it } from 'vitest';
import { openJson } from '../../src/store/mongo/at-rest';
import { ConversationModel } from '../../src/store/mongo/models/conversation';
import { PersonModel } from '../../src/store/mongo/models/person';
import { OutboxModel } from '../../src/store/mongo/models/outbox';
import { startTestBot, type TestBot } from '../support/test-bot';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

describe('console channel over real HTTP', () => {
  it('answers 帮助 with a menu that depends on the roles', async () => {
    bot = await startTestBot();
    const officer = (await bot.say('jcy-officer', '帮助')).join('\n');
    const leader = (await bot.say('jcy-leader', '菜单')).join('\n');
    expect(officer).toContain('赵敏');
    expect(officer).toContain('帮助');
    expect(leader).toContain('孙立');
    // 【heading】name、name… lines
    const commandsOf = (menu: string) =>
      menu
        .split('\n')
        .filter((l) => l.startsWith('【'))
        .flatMap((l) => l.replace(/^【[^】]+】/, '').split('、'));
    expect(commandsOf(officer).length).toBeGreaterThan(20);
    expect(commandsOf(leader)).toContain('概况');
    expect(commandsOf(officer)).not.toContain('概况');
    for (const name of commandsOf(officer)) {
      // every listed command is usable by that role: nothing is listed that the dispatcher would refuse
      const reply = (await bot.say('jcy-officer', name)).join('\n');
      expect(reply).not.toContain('仅限');
    }
  });

  it('tells an unknown sender they are not registered, and stores nothing else', async () => {
    bot = await startTestBot();
    const replies = await bot.say('stranger', '帮助');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain('未登记');
    expect(await PersonModel.countDocuments({ userId: 'stranger' })).toBe(0);
  });

  it('points unknown text to 帮助', async () => {
    bot = await startTestBot();
    expect((await bot.say('sfj-officer', '今天天气怎么样')).join('')).toContain('帮助');
  });

  it('keeps every inbound message and its replies, and answers a repeated message id once', async () => {
    bot = await startTestBot();
    const [a, b, c] = await Promise.all([bot.say('jw-officer', '帮助', 'm-1'), bot.say('jw-officer', '帮助', 'm-1'), bot.say('jw-officer', '帮助', 'm-1')]);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    const entries = await ConversationModel.find({ channel: 'console', platformMessageId: 'm-1' }).lean();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ userId: 'jw-officer', direction: 'in', status: 'done' });
    const context = 'console:m-1';
    expect(openJson(entries[0]!.text, `conversation.text:${context}`)).toBe('帮助');
    expect(openJson<{ text: string }[]>(entries[0]!.replies, `conversation.replies:${context}`)[0]!.text).toEqual(a[0]);
    // sealed at rest: what was typed and answered is not readable in the database
    expect(JSON.stringify(entries[0])).not.toContain('帮助');
  });

  it('rejects malformed JSON, missing fields and operator objects with 400', async () => {
    bot = await startTestBot();
    const cases = ['{not json', '{"text":"帮助"}', '{"userId":{"$ne":null},"text":"帮助"}', '{"userId":"jw-officer","text":5}', '[]'];
    for (const body of cases) {
      const res = await bot.post('/console/messages', body);
      expect(res.status, body).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/JSON|field/);
    }
    expect(await ConversationModel.countDocuments()).toBe(0);
  });

  it('refuses a body over 1 MB plus the upload allowance with 413, and an over-long text with 400', async () => {
    bot = await startTestBot();
    // config/attachments.yaml allows 10 MB uploads, sent base64 (4/3) beside 1 MB of JSON.
    const res = await bot.post('/console/messages', JSON.stringify({ userId: 'jw-officer', text: 'x'.repeat(15_100_000) }));
    expect(res.status).toBe(413);
    const long = await bot.post('/console/messages', JSON.stringify({ userId: 'jw-officer', text: 'x'.repeat(1_100_000) }));
    expect(long.status).toBe(400);
  });

  it('lists pushed messages per console user, oldest first, and a repeated key is written once', async () => {
    bot = await startTestBot();
    const people = await bot.services.roster.members('sfj', ['organizer']);
    await bot.services.notifier.toPeople(people, 'test:1', '第一条');
    await bot.services.notifier.toPeople(people, 'test:1', '第一条（重复）');
    bot.clock.advance(1000);
    await bot.services.notifier.toAgency('sfj', ['organizer'], 'test:2', '第二条');
    const messages = await bot.outbox('sfj-organizer');
    expect(messages.map((m) => m.text)).toEqual(['第一条', '第二条']);
    expect(await bot.outbox('sfj-officer')).toEqual([]);
    expect(await OutboxModel.countDocuments({ key: /^test:1:/ })).toBe(1);
    const missing = await fetch(`${bot.url}/console/outbox`);
    expect(missing.status).toBe(400);
  });

  it('answers healthz and readyz', async () => {
    bot = await startTestBot();
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${bot.url}/readyz`)).status).toBe(200);
  });
});
