import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushed, tickAt } from '../support/deadline-helpers';
import { startTestBot, type TestBot } from '../support/test-bot';

/**
 * A new plain kind is configuration only: a copy of config/ with one more entry in deadlines.yaml,
 * and the bot registers it, lists it in 帮助, reminds and escalates it by its own rules, and counts
 * it in 概况, 逾期 and 导出 — no code knows it.
 */
const SUPERVISION_LETTER = `
  supervision:
    name: 督办函
    numberPrefix: DB
    issuer: justice
    recipientLabel: 被督办单位
    ordinary: { workingDays: 10 }
    reminders: { daysBefore: [3, 1] }
    escalation:
      - 报请县政府督查室督办
    register: { command: 登记督办函 }
`;

function configWithLetter(): string {
  const dir = mkdtempSync(join(tmpdir(), 'jsbot-config-'));
  cpSync('config', dir, { recursive: true });
  const path = join(dir, 'deadlines.yaml');
  writeFileSync(path, readFileSync(path, 'utf8').replace(/^documents:\n/m, `documents:${SUPERVISION_LETTER}`));
  return dir;
}

describe('a document kind added in config only', () => {
  let bot: TestBot;
  const say = async (user: string, text: string) => (await bot.say(user, text)).join('\n');
  beforeAll(async () => {
    bot = await startTestBot({ now: new Date('2026-03-02T02:00:00Z'), env: { CONFIG_DIR: configWithLetter() } });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('is listed in 帮助 with its command, for whoever may register documents', async () => {
    expect(await say('sfj-officer', '帮助')).toMatch(/【文书与期限】.*登记督办函/);
    expect(await say('sfj-officer', '帮助 文书与期限')).toContain(
      '• 登记督办函 <文号> <被督办单位> <送达日期 YYYY-MM-DD> [期限 YYYY-MM-DD] — 登记并跟踪期限（只发「登记督办函」可逐项填写）',
    );
  });

  it('is registered by its issuer, by its wizard or in one line, counted in its own working days', async () => {
    expect(await say('jcy-officer', '登记督办函 嘉司督〔2026〕1号 nyncj 2026-03-02')).toContain('「登记督办函」不适用于县人民检察院');
    expect(await say('sfj-officer', '登记督办函')).toContain('开始登记督办函');
    await say('sfj-officer', '嘉司督〔2026〕1号');
    await say('sfj-officer', '县农业农村局');
    expect(await say('sfj-officer', '2026-03-02')).toContain('期限：2026-03-16（按10个工作日计算）');
    expect(await say('sfj-officer', '确认')).toContain('已登记 督办函 DB-2026-0001（文号：嘉司督〔2026〕1号）');
    expect(await say('sfj-officer', '登记督办函 嘉司督〔2026〕2号 zhzf 2026-03-02')).toContain('DB-2026-0002');
    expect(await pushed(bot, 'nyncj-liaison', '【新文书】县司法局已登记向贵单位发出的督办函 DB-2026-0001')).toHaveLength(1);
  });

  it('is reminded on its own days and escalated with its own next step', async () => {
    await tickAt(bot, '2026-03-06T09:00:00+08:00');
    expect(await pushed(bot, 'nyncj-liaison', 'DB-2026-0001')).toHaveLength(1); // the registration notice only
    for (const day of ['03-13', '03-15', '03-16', '03-17']) await tickAt(bot, `2026-${day}T09:00:00+08:00`);
    // The reminders of its own days (the escalation ladder's 预警 messages are tested in escalation-ladder.test.ts).
    const reminders = (await pushed(bot, 'nyncj-liaison', '督办函 DB-2026-0001')).filter((t) => /^【(期限|逾期)提醒】/.test(t));
    // Due Monday 03-16: the 1-day step (Sunday) goes out on Friday with the 3-day one, as one reminder.
    expect(reminders.map((t) => /还剩 \d+ 个工作日|今天|逾期 \d+ 天/.exec(t)?.[0]).filter(Boolean)).toEqual(['还剩 1 个工作日', '今天', '逾期 1 天']);
    const escalation = await pushed(bot, 'sfj-leader', '【逾期督办】督办函 DB-2026-0001');
    expect(escalation).toHaveLength(1);
    expect(escalation[0]).toContain('1. 报请县政府督查室督办');
  });

  it('is answered like any document, and counted in 概况, 逾期 and 导出', async () => {
    expect(await say('zhzf-liaison', '回复 DB-2026-0002 已落实')).toContain('逾期 1 天');
    expect(await say('sfj-leader', '概况 本月')).toContain('• 督办函：2份（办理中0，逾期1，已回复1，已整改0）');
    expect(await say('sfj-leader', '逾期')).toContain('1. DB-2026-0001 督办函 → 县农业农村局，到期 2026-03-16，逾期 1 天，已升级督办');

    const answer = await bot.post('/console/messages', JSON.stringify({ userId: 'sfj-leader', text: '导出 本月' }));
    const [reply] = ((await answer.json()) as { replies: { file: { url: string } }[] }).replies;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await (await bot.open(reply!.file.url, 'sfj-leader')).arrayBuffer()) as ArrayBuffer);
    const kinds = workbook.getWorksheet('文书')!.getColumn('B').values.slice(2);
    expect(kinds).toEqual(['督办函', '督办函']);
  });
});
