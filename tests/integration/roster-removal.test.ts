import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEXTS } from '../../src/conversation/texts';
import { runCli, writeTemp } from '../support/cli';
import { startTestBot, type TestBot } from '../support/test-bot';

/** Issue 22 item 8: the roster can remove people, effective from their next message (the CLI is another process). */

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => {
  await bot?.close();
});

const say = async (userId: string, text: string) => (await bot.say(userId, text)).join('\n');

describe('removing people from the roster', { timeout: 180_000 }, () => {
  it('roster remove: a removed officer’s 待办 stops working at once', async () => {
    expect(await say('jw-officer', '待办')).not.toBe(TEXTS.notRegistered);
    const removed = await runCli(bot, ['roster', 'remove', 'jw-officer']);
    expect(removed.stdout, removed.stderr).toContain('1 removed');
    expect(await say('jw-officer', '待办')).toBe(TEXTS.notRegistered);
    expect(await say('jw-leader', '待办')).not.toBe(TEXTS.notRegistered);
    const again = await runCli(bot, ['roster', 'remove', 'jw-officer']);
    expect([again.code, again.stderr]).toEqual([1, expect.stringContaining('nothing removed')]);
  });

  it('roster import --replace removes everyone not in the file; without it nobody is removed', async () => {
    const lines = readFileSync('config/roster.example.csv', 'utf8').trim().split('\n');
    const withoutJcyOfficer = writeTemp('roster.csv', `${lines.filter((l) => !l.startsWith('jcy-officer,')).join('\n')}\n`);
    const plain = await runCli(bot, ['roster', 'import', withoutJcyOfficer]);
    expect(plain.code, plain.stderr).toBe(0);
    expect(await say('jcy-officer', '帮助')).not.toBe(TEXTS.notRegistered);
    const replaced = await runCli(bot, ['roster', 'import', withoutJcyOfficer, '--replace']);
    expect(replaced.stdout, replaced.stderr).toContain('1 removed');
    expect(await say('jcy-officer', '帮助')).toBe(TEXTS.notRegistered);
    expect(await say('jcy-leader', '帮助')).not.toBe(TEXTS.notRegistered);
  });
});
