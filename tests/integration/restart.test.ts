import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_IDLE_MS } from '../../src/conversation/sessions';
import { ConversationModel } from '../../src/store/mongo/models/conversation';
import { startTestBot, type TestBot } from '../support/test-bot';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

describe('state survives a restart', () => {
  it('keeps roster, conversation log and an open session; sessions expire after 30 idle minutes', async () => {
    bot = await startTestBot();
    const { dbName } = bot;
    await bot.say('jw-officer', '帮助', 'before-restart');
    const owner = { channel: 'console', userId: 'jw-officer' };
    await bot.sessions.save(owner, { bot: 'demo', step: 'facts', data: { n: 1 } }, bot.clock.now());
    const startedAt = bot.clock.now();
    await bot.close();

    bot = await startTestBot({ dbName, roster: null, now: startedAt });
    expect((await bot.say('jw-officer', '帮助')).join('')).toContain('张明');
    expect(await ConversationModel.countDocuments({ platformMessageId: 'before-restart' })).toBe(1);
    expect(await bot.sessions.load(owner, new Date(startedAt.getTime() + SESSION_IDLE_MS - 1000))).toEqual({ bot: 'demo', step: 'facts', data: { n: 1 } });
    expect(await bot.sessions.load(owner, new Date(startedAt.getTime() + SESSION_IDLE_MS + 1000))).toBeNull();
    expect(await bot.sessions.load(owner, startedAt)).toBeNull();
  });
});
