import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/test-bot';
import { storedCases } from './support/cases';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ now: new Date('2026-03-10T02:00:00Z') });
});
afterAll(async () => {
  await bot.close();
});

const IMPOSSIBLE = [
  '2026-02-30',
  '2025-02-29',
  '2026-04-31',
  '2026-13-01',
  '2026-00-10',
  '0000-01-01',
  '99999-01-01',
  '2026-2-3',
  '２０２６-０３-０１',
  '2026-03-01T00:00',
];

async function reply(userId: string, text: string): Promise<string> {
  return (await bot.say(userId, text)).join('\n');
}

describe('impossible dates', () => {
  it('are refused politely when registering a document, and nothing is stored', async () => {
    for (const date of IMPOSSIBLE) {
      const answer = await reply('jcy-officer', `登记检察建议 嘉检行建〔2026〕1号 nyncj ${date}`);
      expect(answer, date).toMatch(/日期|YYYY-MM-DD/);
      expect(answer, date).not.toMatch(/JY-\d{4}/);
      const notice = await reply('sfj-officer', `登记监督通知书 嘉司监〔2026〕1号 nyncj 2026-03-01 期限 ${date}`);
      expect(notice, date).not.toMatch(/TZ-\d{4}/);
    }
    expect(await storedCases()).toEqual({});
  });

  it('are refused politely when scheduling a meeting', async () => {
    for (const when of ['2026-02-30 09:00', '2026-03-20 25:00', '2026-03-20 09:60', '2026-13-01 09:00']) {
      const answer = await reply('jcy-organizer', `安排联席会议 ${when} 县司法局三楼会议室 议题`);
      expect(answer, when).not.toMatch(/HY-\d{4}/);
      expect(answer, when).toMatch(/日期|时间|YYYY/);
    }
    expect(await storedCases()).toEqual({});
  });

  it('are refused politely as report periods', async () => {
    for (const period of ['2026-13', '2026-00', '2026-02-30', '0000', '99999', '本世纪']) {
      for (const command of ['概况', '简报', '导出']) {
        const answer = await reply('sfj-leader', `${command} ${period}`);
        expect(answer, `${command} ${period}`).toMatch(/期间|格式|本月|YYYY/);
      }
    }
    expect(await storedCases()).toEqual({});
  });

  it('are refused by `scheduler tick --at` with one clear line instead of rolling over into March', async () => {
    const uri = new URL(process.env.MONGODB_URI!);
    uri.pathname = `/${bot.dbName}`;
    const times = ['2026-02-30T09:00:00+08:00', '2026-02-29T09:00:00+08:00', '2026-04-31T09:00:00Z', 'not-a-date', '2026-03-01T24:30:00+08:00'];
    // The five CLI processes start at once: each refuses before it touches anything.
    const results = await Promise.all(
      times.map(
        (at) =>
          new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
            execFile(
              process.execPath,
              ['--import', 'tsx', 'src/cli/index.ts', 'scheduler', 'tick', '--at', at],
              { env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', LOG_LEVEL: 'warn', MONGODB_URI: uri.toString() }, timeout: 120_000 },
              (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
            );
          }),
      ),
    );
    for (const [i, result] of results.entries()) {
      const at = times[i];
      expect(result.code, `${at}: ${result.stdout}`).toBe(1);
      expect(result.stderr, at).toMatch(/--at/);
      expect(result.stderr).not.toMatch(/^\s+at /m);
    }
    // Starting tsx five times on a loaded 2-core machine can alone take a minute.
  }, 180_000);
});
