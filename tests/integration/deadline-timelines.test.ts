import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../src/domain/deadlines/calendar';
import { daysBetween, parseLocalDate } from '../../src/kernel/time/local-date';
import { localDateOf } from '../../src/kernel/time/local-time';
import { DeadlineDocumentModel } from '../../src/store/mongo/models/deadline-document';
import { OutboxModel } from '../../src/store/mongo/models/outbox';
import { cliTick, pushed, tickAt } from '../support/deadline-helpers';
import { startTestBot, type TestBot } from '../support/test-bot';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const say = async (user: string, text: string) => (await bot!.say(user, text)).join('\n');

function* days(from: string, to: string): Generator<string> {
  for (let day = parseLocalDate(from); day <= to; day = parseLocalDate(new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)))
    yield day;
}

describe('the 2026 National Day week', () => {
  it('sends no reminder or escalation on a rest day; the last one before the holiday counts working days', { timeout: 240_000 }, async () => {
    bot = await startTestBot({ now: new Date('2026-09-01T02:00:00Z') });
    // Served 08-01: two months end 10-01, in the holiday → due 10-08, the first working day after it.
    expect(await say('jcy-officer', '登记检察建议 嘉检建〔2026〕21号 nyncj 2026-08-01')).toContain('期限：2026-10-08');
    // Served 08-31: 30 days → due 09-30; its first overdue day (10-01) is in the holiday.
    expect(await say('sfj-officer', '登记监督通知书 嘉司监〔2026〕9号 zhzf 2026-08-31')).toContain('期限：2026-09-30');

    for (const day of days('2026-09-14', '2026-10-12')) {
      if (day === '2026-09-30')
        expect(await cliTick(bot, `${day}T09:00:00+08:00`)).toMatch(/enqueued [1-9]\d* \(console [1-9]\d*\); delivered [1-9]\d* \(console [1-9]\d*\)/);
      else await tickAt(bot, `${day}T09:00:00+08:00`);
    }

    const calendar = createWorkingCalendar(bot.services.config.holidays);
    // Reminders, escalations, the ladder's 预警 and 催办通知书, and the 未签收 escalation.
    const rows = await OutboxModel.find({ key: /^(remind|escalate|ladder|receipt-overdue):/ }, { key: 1, createdAt: 1 }).lean<
      { key: string; createdAt: Date }[]
    >();
    expect(rows.length).toBeGreaterThan(0);
    const onRestDays = rows.filter((row) => !calendar.isWorkingDay(localDateOf(row.createdAt)));
    expect(onRestDays).toEqual([]);
    // The notice due 09-30 turns red with its 催办通知书 on 10-08, the first working day after the holiday.
    const red = rows.filter((row) => row.key.startsWith('ladder:TZ-2026-0001:2026-09-30:red:'));
    expect(red.length).toBeGreaterThan(0);
    expect(new Set(red.map((r) => localDateOf(r.createdAt)))).toEqual(new Set(['2026-10-08']));

    const lastBefore = (await pushed(bot, 'nyncj-liaison', 'JY-2026-0001')).filter((t) => t.includes('还剩')).at(-1)!;
    expect(lastBefore).toContain('将于 2026-10-08（节后首个工作日）到期，还剩 1 个工作日（8 天，含休息日）');
    const pre = await OutboxModel.find({ key: /^remind:JY-2026-0001:.*:console:nyncj-liaison$/ }, { createdAt: 1 }).lean<{ createdAt: Date }[]>();
    expect(pre.map((r) => localDateOf(r.createdAt)).sort()).toEqual(['2026-09-23', '2026-09-30', '2026-10-08', '2026-10-09']);

    // The notice due 09-30 escalates on 10-08, the first working day after its first overdue day.
    const escalations = await OutboxModel.find({ key: /^escalate:TZ-2026-0001:/ }, { createdAt: 1 }).lean<{ createdAt: Date }[]>();
    expect(escalations.length).toBeGreaterThan(0);
    expect(new Set(escalations.map((r) => localDateOf(r.createdAt)))).toEqual(new Set(['2026-10-08']));
    expect((await pushed(bot, 'sfj-leader', '【逾期督办】')).join('')).toContain('现已逾期 8 天');
  });
});

describe('go-live: documents registered with past dates', () => {
  it('ten back-registered documents produce at most one current reminder each per recipient', { timeout: 240_000 }, async () => {
    bot = await startTestBot({ now: new Date('2026-12-03T02:00:00Z') });
    const starts = ['2026-05-06', '2026-06-01', '2026-06-15', '2026-07-01', '2026-07-20', '2026-08-03', '2026-09-01', '2026-09-15', '2026-10-09', '2026-11-02'];
    for (const [i, start] of starts.entries()) {
      const command = i % 2 ? `登记监督通知书 嘉司监〔2026〕${i}号 zhzf ${start}` : `登记检察建议 嘉检建〔2026〕${i}号 nyncj ${start}`;
      expect(await say(i % 2 ? 'sfj-officer' : 'jcy-officer', command)).toContain('系统将按时提醒对方');
    }
    const output = await cliTick(bot, '2026-12-03T10:05:00+08:00');
    expect(output).toMatch(/enqueued [1-9]\d* \(console [1-9]\d*\); delivered [1-9]\d* \(console [1-9]\d*\)/);
    await tickAt(bot, '2026-12-03T10:06:00+08:00');
    await tickAt(bot, '2026-12-03T11:00:00+08:00');

    const docs = await DeadlineDocumentModel.find({}).lean();
    expect(docs).toHaveLength(10);
    const rows = await OutboxModel.find({ key: /^remind:/ }, { key: 1 }).lean<{ key: string }[]>();
    for (const doc of docs) {
      const perUser = new Map<string, number>();
      for (const { key } of rows.filter((r) => r.key.startsWith(`remind:${doc.number}:`))) {
        const user = key.split(':').slice(-1)[0]!;
        perUser.set(user, (perUser.get(user) ?? 0) + 1);
      }
      expect(
        [...perUser.values()].every((n) => n === 1),
        doc.number,
      ).toBe(true);
      const recipient = doc.recipient === 'nyncj' ? 'nyncj-liaison' : 'zhzf-liaison';
      const texts = await pushed(bot, recipient, `${doc.number}（`);
      const reminders = texts.filter((t) => /【(期限|逾期)提醒】/.test(t));
      expect(reminders.length, doc.number).toBeLessThanOrEqual(1);
      const overdue = daysBetween(parseLocalDate(doc.dueDate), parseLocalDate('2026-12-03'));
      if (overdue > 0) {
        expect(reminders, doc.number).toHaveLength(1);
        expect(reminders[0]).toContain(`现已逾期 ${overdue} 天`);
      }
    }
  });

  it('`cli import` back-registers documents with their history, sends nothing for the past and lists what is overdue', { timeout: 240_000 }, async () => {
    bot = await startTestBot({ now: new Date('2026-12-03T02:00:00Z') });
    const documents = [
      {
        kind: 'recommendation',
        reference: '嘉检建〔2026〕40号',
        issuer: 'jcy',
        recipient: 'nyncj',
        startDate: '2026-08-01',
        reply: { date: '2026-09-28', text: '已书面回复' },
      },
      { kind: '检察建议书', reference: '嘉检建〔2026〕41号', issuer: '县人民检察院', recipient: '县农业农村局', startDate: '2026-08-01' },
      {
        kind: 'notice',
        reference: '嘉司监〔2026〕40号',
        issuer: 'sfj',
        recipient: 'zhzf',
        startDate: '2026-06-01',
        reply: { date: '2026-06-20', text: '已收到' },
      },
      {
        kind: 'notice',
        reference: '嘉司监〔2026〕41号',
        issuer: 'sfj',
        recipient: 'zhzf',
        startDate: '2026-06-01',
        correction: { date: '2026-07-10', text: '已整改' },
      },
      { kind: 'notice', reference: '嘉司监〔2026〕42号', issuer: 'sfj', recipient: 'zhzf', startDate: '2026-11-25' },
    ];
    const bad = writeTemp(
      'bad.json',
      JSON.stringify({ documents: [...documents, { ...documents[0], reference: 'X', reply: { date: '2026-07-01', text: '早于送达' } }] }),
    );
    const refused = await cliImport(bot, bad);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('documents[5]: 回复日期 2026-07-01 早于起算日 2026-08-01');
    expect(await DeadlineDocumentModel.countDocuments()).toBe(0);

    const file = writeTemp('documents.json', JSON.stringify({ documents }));
    const first = await cliImport(bot, file);
    expect(first.stdout).toContain('documents: 5 added, 0 already present');
    // The CLI runs on the real clock: "today" is the machine's date in Asia/Shanghai.
    const today = localDateOf(new Date());
    const daysSince = (due: string) => Math.round((Date.parse(today) - Date.parse(due)) / 86_400_000);
    expect(first.stdout).toContain(`overdue as of ${today}: 2`);
    expect(first.stdout).toContain(`JY-2026-0002 检察建议书 → 县农业农村局，到期 2026-10-08，逾期 ${daysSince('2026-10-08')} 天`);
    expect(first.stdout).toContain(`TZ-2026-0001 行政执法监督通知书 → 县综合行政执法局，到期 2026-07-01，逾期 ${daysSince('2026-07-01')} 天`);
    expect((await cliImport(bot, file)).stdout).toContain('documents: 0 added, 5 already present');

    await tickAt(bot, '2026-12-03T10:05:00+08:00');
    expect(await OutboxModel.countDocuments({ key: /^(remind|escalate|registered):/ })).toBe(0);
    const answered = await DeadlineDocumentModel.findOne({ reference: '嘉检建〔2026〕40号' }).lean();
    expect(answered).toMatchObject({ status: 'closed', reply: { date: '2026-09-28', late: false } });
  });

  it('warns when nobody of the recipient is in the roster, and of an issuer deadline on a rest day', async () => {
    bot = await startTestBot({ now: new Date('2026-12-03T02:00:00Z') });
    const reply = await say('jcy-officer', '登记检察建议 嘉检建〔2026〕30号 jsj 2026-12-01 期限 2026-12-05');
    expect(reply).toContain('通讯录中还没有县建设局的人员，系统无法通知和提醒对方');
    expect(reply).toContain('npm run cli -- roster import');
    expect(reply).not.toContain('系统将按时提醒对方');
    expect(reply).toContain('指定的期限 2026-12-05 是休息日');
  });
});

const run = promisify(execFile);

function writeTemp(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'jsbot-import-')), name);
  writeFileSync(path, content);
  return path;
}

/** `npm run cli -- import <file>` against the test bot's database. */
async function cliImport(bot: TestBot, file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const uri = new URL(process.env.MONGODB_URI!);
  uri.pathname = `/${bot.dbName}`;
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'src/cli/index.ts', 'import', file], {
      env: { ...process.env, MONGODB_URI: uri.toString(), LOG_LEVEL: 'silent', NODE_ENV: 'test' },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
