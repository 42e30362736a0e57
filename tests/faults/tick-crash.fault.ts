import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClaimModel } from '../../src/store/mongo/models/claim';
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
    execFile(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'scheduler', 'tick', '--at', at], { env, timeout: 150_000 }, (err, stdout) =>
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
    await waitUntil(() => receivedReminders().length >= 12 || child.exitCode !== null, 150_000, 'the tick to be sending');
    child.kill('SIGKILL');
    await exited;
    const beforeRestart = receivedReminders().length;
    const expected = DOCUMENTS * LIAISONS.length;
    expect(beforeRestart).toBeLessThan(expected);

    // The reminder in flight at the kill stays held by the dead tick's claim for the 60 s lease, which runs on
    // the wall clock (a simulated --at never expires a live sender's claim): let that minute pass for it.
    await ClaimModel.updateMany({ _id: /^outbox:/ }, { $set: { at: new Date(Date.now() - 61_000) } });
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
  }, 400_000);
});

describe('a catch-up scheduler tick while the server is sending', () => {
  it('delivers each reminder row once: the server never takes over a send the tick holds', async () => {
    // Fifteen more documents, registered a day later: their reminders are all still to come.
    bot.clock.advance(24 * 3_600_000);
    const numbers: string[] = [];
    for (let n = 1; n <= DOCUMENTS; n++) {
      const reply = (await bot.say('jcy-officer', `登记检察建议 嘉检行公建〔2026〕${100 + n}号 nyncj 2026-03-03`)).join('\n');
      numbers.push(/JY-2026-\d{4}/.exec(reply)![0]);
    }
    await OutboxModel.updateMany({ status: 'pending' }, { $set: { status: 'sent' } });
    const sendsBefore = fake.batchSends.length;

    // The server runs on the real clock with its sender on; the operator catches up on a past day.
    bot.clock.advance(Date.now() - bot.clock.now().getTime());
    fake.sendDelayMs = 150;
    bot.sender.start();
    try {
      const result = await tick('2026-04-22T09:00:00+08:00');
      expect(result.code, result.stdout).toBe(0);
      await waitUntil(async () => (await OutboxModel.countDocuments({ channel: 'dingtalk', status: 'pending' })) === 0, 30_000, 'every row sent');
    } finally {
      await bot.sender.stop();
      fake.sendDelayMs = 0;
    }

    const rows = await OutboxModel.find({ channel: 'dingtalk', key: { $regex: `^remind:(${numbers.join('|')}):` } }, { key: 1, status: 1 }).lean();
    expect(rows.length).toBeGreaterThanOrEqual(DOCUMENTS * LIAISONS.length);
    const sends = fake.batchSends
      .slice(sendsBefore)
      .map((send) => `${JSON.stringify(send.msgParam)} → ${send.userIds.join(',')}`)
      .filter((send) => numbers.some((number) => send.includes(number)));
    const doubled = sends.filter((send, i) => sends.indexOf(send) !== i);
    expect(doubled).toEqual([]);
    expect(sends).toHaveLength(rows.length);
  }, 300_000);
});
