import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxModel } from '../../src/store/mongo/models/outbox';
import { FakeDingTalkApi } from '../support/fake-dingtalk-api';
import { startTestBot, type TestBot } from '../support/test-bot';
import { waitUntil } from './support/bot-process';

const APP = { appKey: 'tick-key', appSecret: 'tick-secret' };
const LIAISONS = Array.from({ length: 4 }, (_, i) => `dt-nyncj-${i}`);
const DOCUMENTS = 15;
const TICK = '2026-04-21T09:00:00+08:00';

let fake: FakeDingTalkApi;
let bot: TestBot;
let env: Record<string, string>;

beforeAll(async () => {
  fake = await new FakeDingTalkApi(APP).start();
  const roster = [
    readFileSync('config/roster.example.csv', 'utf8').trim(),
    ...LIAISONS.map((id, i) => `${id},农业农村局钉钉联络员${i},nyncj,officer,dingtalk`),
  ].join('\n');
  const dingtalk = {
    DINGTALK_APP_KEY: APP.appKey,
    DINGTALK_APP_SECRET: APP.appSecret,
    DINGTALK_ROBOT_CODE: 'tick-robot',
    DINGTALK_API_BASE: fake.apiBase,
    DINGTALK_OAPI_BASE: fake.apiBase,
  };
  bot = await startTestBot({ now: new Date('2026-03-02T02:00:00Z'), roster, env: dingtalk });
  for (let n = 1; n <= DOCUMENTS; n++) {
    const reply = (await bot.say('jcy-officer', `登记检察建议 嘉检行公建〔2026〕${n}号 nyncj 2026-03-02`)).join('\n');
    expect(reply).toContain('期限：2026-05-06');
  }
  // The registration notices are not under test here: only the reminders go out in the tick.
  await OutboxModel.updateMany({ status: 'pending' }, { $set: { status: 'sent' } });
  const uri = new URL(process.env.MONGODB_URI!);
  uri.pathname = `/${bot.dbName}`;
  env = { PATH: process.env.PATH!, HOME: process.env.HOME!, NODE_ENV: 'test', LOG_LEVEL: 'warn', MONGODB_URI: uri.toString(), ...dingtalk };
}, 60_000);

afterAll(async () => {
  await bot?.close();
  await fake?.stop();
});

function tick(at: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'scheduler', 'tick', '--at', at], { env, timeout: 45_000 }, (err, stdout) =>
      resolve({ code: err ? 1 : 0, stdout }),
    );
  });
}

/** Every 15-days-before reminder the fake DingTalk received (worded in working days), as "<doc number> → <user>". */
function receivedReminders(): string[] {
  return fake.batchSends.flatMap((send) => {
    const text = JSON.stringify(send.msgParam);
    const number = /JY-2026-\d{4}/.exec(text)?.[0];
    return text.includes('期限提醒') && /还剩 \d+ 个工作日/.test(text) && number ? send.userIds.map((user) => `${number} → ${user}`) : [];
  });
}

describe('SIGKILL during a scheduler tick that sends many reminders', () => {
  it('delivers every due reminder after the restart, and doubles at most the one in flight at the kill', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'scheduler', 'tick', '--at', TICK], { env, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await waitUntil(() => receivedReminders().length >= 12 || child.exitCode !== null, 40_000, 'the tick to be sending');
    child.kill('SIGKILL');
    await exited;
    const beforeRestart = receivedReminders().length;
    const expected = DOCUMENTS * LIAISONS.length;
    expect(beforeRestart).toBeLessThan(expected);

    // The operator re-runs the tick after the crash (a minute and more later), then cron runs it again.
    expect((await tick('2026-04-21T09:02:00+08:00')).code).toBe(0);
    expect((await tick('2026-04-21T09:03:00+08:00')).code).toBe(0);

    const received = receivedReminders();
    const distinct = new Set(received);
    expect(distinct.size).toBe(expected);
    expect(received.length - distinct.size).toBeLessThanOrEqual(1);
    const keys = await OutboxModel.find({ key: /^remind:JY-2026-\d{4}:2026-05-06:d-15:dingtalk:/ }, { key: 1, status: 1 }).lean();
    expect(keys).toHaveLength(expected);
    expect(keys.every((row) => row.status === 'sent')).toBe(true);
  });
});
