import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_IDLE_MS } from '../../src/conversation/sessions';
import { SessionModel } from '../../src/store/mongo/models/session';
import { startTestBot, type TestBot } from '../support/test-bot';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

describe('expired wizard sessions (issue 22, item 9)', () => {
  it('are purged with their sealed drafts by the scheduled job, however many there are', async () => {
    bot = await startTestBot();
    const officers = ['jw-officer', 'jcy-officer', 'sfj-officer'];
    for (const userId of officers) {
      await bot.say(userId, '提交线索');
      await bot.say(userId, '县建设局副局长张某在工程招投标中收受施工方贿赂二十万元');
    }
    expect(await SessionModel.countDocuments({})).toBe(officers.length);
    bot.clock.advance(SESSION_IDLE_MS + 60_000);
    await bot.scheduler.tick(bot.clock.now());
    expect(await SessionModel.countDocuments({})).toBe(0);
    // each owner is told, never silently
    for (const userId of officers) expect((await bot.outbox(userId)).length).toBeGreaterThan(0);
  }, 120_000);
});
