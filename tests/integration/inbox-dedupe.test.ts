import { afterEach, describe, expect, it } from 'vitest';
import { ensureIndexes } from '../../src/store/mongo/connection';
import { ConversationModel } from '../../src/store/mongo/models/conversation';
import { startTestBot, type TestBot } from '../support/test-bot';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const FACTS = '县建设局副局长张某在工程招投标中收受施工方贿赂二十万元';

describe('inbox dedupe is per sender (issue 22, item 1)', () => {
  it("never answers a re-sent message id of another user with that user's stored reply", async () => {
    bot = await startTestBot();
    const draft = (await bot.say('jw-officer', `提交线索：${FACTS} 实名`, 'victim-1')).join('\n');
    expect(draft).toContain('张某');
    // An enforcement unit's liaison re-sends the officer's message id with any text.
    const stolen = (await bot.say('nyncj-liaison', '帮助', 'victim-1')).join('\n');
    expect(stolen).not.toContain('张某');
    expect(stolen).not.toContain('贿赂');
    expect(stolen).toContain('冯磊');
    // Each sender's message is kept as their own; the officer's retry still gets the officer's answer.
    expect(await ConversationModel.countDocuments({ channel: 'console', platformMessageId: 'victim-1' })).toBe(2);
    expect((await bot.say('jw-officer', `提交线索：${FACTS} 实名`, 'victim-1')).join('\n')).toBe(draft);
  });

  it('drops the index of older versions that was unique on (channel, message id) alone', async () => {
    bot = await startTestBot();
    await ConversationModel.collection.createIndex({ channel: 1, platformMessageId: 1 }, { unique: true });
    await ensureIndexes();
    expect((await ConversationModel.collection.indexes()).map((index) => index.name)).not.toContain('channel_1_platformMessageId_1');
    await bot.say('jw-officer', '帮助', 'same-id');
    expect((await bot.say('jcy-officer', '帮助', 'same-id')).join('\n')).toContain('赵敏');
  });
});
