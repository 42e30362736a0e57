import mongoose from 'mongoose';
import { afterEach, describe, expect, it } from 'vitest';
import { parseTickInstant } from '../../src/cli/scheduler-tick';
import { StartupError } from '../../src/runtime';
import { runCli } from '../support/cli';
import { startTestBot, type TestBot } from '../support/test-bot';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const NOW = new Date('2026-12-04T01:00:00Z');

/** How many documents each collection holds: what a tick would change. */
async function counts(): Promise<Record<string, number>> {
  const db = mongoose.connection.db!;
  const names = (await db.listCollections().toArray()).map((c) => c.name).sort();
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await db.collection(name).countDocuments()] as const)));
}

describe('scheduler tick --at in the future (issue 22, item 9)', () => {
  it('refuses an instant more than a day ahead of the clock unless --allow-future', () => {
    expect(parseTickInstant(['--at', '2026-12-05T08:59+08:00'], NOW)).toEqual(new Date('2026-12-05T00:59:00Z'));
    expect(parseTickInstant(['--at', '2020-01-01T09:00+08:00'], NOW)).toEqual(new Date('2020-01-01T01:00:00Z'));
    expect(() => parseTickInstant(['--at', '2028-12-04T09:00+08:00'], NOW)).toThrow(StartupError);
    expect(() => parseTickInstant(['--at', '2028-12-04T09:00+08:00'], NOW)).toThrow(/--allow-future/);
    expect(parseTickInstant(['--at', '2028-12-04T09:00+08:00', '--allow-future'], NOW)).toEqual(new Date('2028-12-04T01:00:00Z'));
  });

  it('a typo two years ahead writes nothing at all', async () => {
    bot = await startTestBot();
    await bot.say('sfj-organizer', '登记 检察建议书 JY-2026-0001 县建设局 2026-11-20 要求 两个月内整改');
    const before = await counts();
    const at = new Date(Date.now() + 2 * 365 * 86_400_000).toISOString();
    const result = await runCli(bot, ['scheduler', 'tick', '--at', at]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--allow-future/);
    expect(await counts()).toEqual(before);
  }, 120_000);
});
