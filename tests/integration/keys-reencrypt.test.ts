import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { keyIdOf } from '../../src/kernel/field-cipher';
import { ClueModel } from '../../src/store/mongo/models/clue';
import { runCli } from '../support/cli';
import { startTestBot, type TestBot } from '../support/test-bot';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
  delete process.env.CLUE_ENCRYPTION_KEY;
  delete process.env.CLUE_ENCRYPTION_OLD_KEYS;
});

const text = (replies: string[]) => replies.join('\n');
const numberIn = (reply: string) => /XS-\d{4}-\d{4}/.exec(reply)?.[0] ?? '';

/** Every key id a stored clue carries. */
async function keyIdsInClues(): Promise<Set<string>> {
  const raw = JSON.stringify(await ClueModel.find({}).lean());
  return new Set([...raw.matchAll(/"keyId":"([0-9a-f]+)"/g)].map((m) => m[1]!));
}

describe('cli keys reencrypt', () => {
  it('seals every clue field again under the new key, so the old key can be dropped', async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    bot = await startTestBot({ env: { CLUE_ENCRYPTION_KEY: oldKey.toString('base64') } });
    expect(text(await bot.say('sfj-officer', '提交线索：县农业农村局对养殖场向河道排放污水长期不作为 实名'))).toContain('确认');
    const number = numberIn(text(await bot.say('sfj-officer', '确认')));
    await bot.say('jcy-organizer', `受理 ${number}`);
    await bot.say('sfj-officer', `补充 ${number} 另有村民录音`);
    expect(text(await bot.say('jcy-organizer', `转办 ${number} 司法局 1 属行政执法监督`))).toContain('已转办');
    expect(await keyIdsInClues()).toEqual(new Set([keyIdOf(oldKey)]));

    process.env.CLUE_ENCRYPTION_KEY = newKey.toString('base64');
    process.env.CLUE_ENCRYPTION_OLD_KEYS = oldKey.toString('base64');
    const first = await runCli(bot, ['keys', 'reencrypt']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('1 clues sealed again');
    expect(await keyIdsInClues()).toEqual(new Set([keyIdOf(newKey)]));
    expect((await runCli(bot, ['keys', 'reencrypt'])).stdout).toContain('0 clues sealed again');

    // The old key dropped: the clue still opens, and is still the submitter's own.
    const { dbName } = bot;
    await bot.close();
    bot = await startTestBot({ dbName, roster: null, env: { CLUE_ENCRYPTION_KEY: newKey.toString('base64') } });
    const view = text(await bot.say('sfj-organizer', `线索 ${number}`));
    expect(view).toContain('养殖场');
    expect(view).toContain('另有村民录音');
    expect(text(await bot.say('sfj-officer', '我的线索'))).toContain(number);
  }, 300_000);
});
