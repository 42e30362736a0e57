import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { openJson } from '../../src/store/mongo/at-rest';
import { OutboxModel } from '../../src/store/mongo/models/outbox';
import { startBotProcess, type BotProcess } from './support/bot-process';
import { freshDatabase } from './support/database';
import { importRoster } from './support/roster';

/** Words that occur only in what the reporters wrote: none may appear in a push, a log line or an error. */
const FACTS = ['柏鹤年', '二十万元', '青禾牧业', '翠湖化工', '城东翠湖段', '无人机航拍', '紫藤9号'];
/** The reporters (submitters) of the three clues. */
const REPORTERS = ['赵敏', '周洁', '张明'];
/** The organizers who accept and conclude them (their names are in the roster, and must be nowhere else). */
const HANDLERS = ['李华', '钱程', '吴刚'];

let bot: BotProcess;
const numbers: Record<'jw' | 'jcy' | 'sfj', string> = { jw: '', jcy: '', sfj: '' };
/** Every reply a user other than the submitter got while the scenario ran. */
const otherViews: { userId: string; text: string }[] = [];
const errorBodies: string[] = [];
/** What leaders outside jw got from 概况, 逾期, 简报 and 导出 (the workbook's cells included). */
const leaderOutputs: { userId: string; text: string }[] = [];
/** The 导出 workbooks as downloaded: by the requester, and the status a stranger got. */
const downloads: { userId: string; strangerStatus: number; status: number; data: Buffer }[] = [];

async function say(userId: string, text: string): Promise<string> {
  const result = await bot.say(userId, text);
  if (!('status' in result) || result.status !== 200) throw new Error(`console answered ${JSON.stringify(result)}`);
  return (result.body as { replies: { text: string }[] }).replies.map((r) => r.text).join('\n');
}

/** Every cell of every sheet, as text. */
async function workbookText(data: Buffer): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  const cells: string[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.text)))));
  return `workbook(${workbook.worksheets.length} sheets): ${cells.join(' | ')}`;
}

const numberIn = (text: string) => /XS-\d{4}-\d{4}/.exec(text)?.[0] ?? '';

beforeAll(async () => {
  const { uri } = await freshDatabase();
  await importRoster();
  bot = await startBotProcess({ mongodbUri: uri, env: { SCHEDULER_ENABLED: 'false', LOG_LEVEL: 'info' } });

  // jw: an official taking bribes, from a jcy officer (赵敏).
  expect(await say('jcy-officer', '提交线索：县建设局副局长柏鹤年在工程招投标中收受施工方贿赂二十万元 实名')).toContain('确认');
  numbers.jw = numberIn(await say('jcy-officer', '确认'));
  // jcy: inaction on river pollution, by the wizard, anonymous towards the receiving agency, from an sfj officer (周洁).
  await say('sfj-officer', '提交线索');
  await say('sfj-officer', '县农业农村局对青禾牧业向河道排放污水长期不作为，生态环境受损');
  await say('sfj-officer', '翠湖化工');
  await say('sfj-officer', '2026年10月，城东翠湖段');
  await say('sfj-officer', '无人机航拍照片');
  expect(await say('sfj-officer', '是')).toContain('匿名：是');
  numbers.jcy = numberIn(await say('sfj-officer', '确认'));
  // sfj: a normative document conflicting with the law, from a jw officer (张明).
  expect(await say('jw-officer', '提交线索：县政府办印发的紫藤9号规范性文件与行政处罚法相抵触，设定了罚款 实名')).toContain('确认');
  numbers.sfj = numberIn(await say('jw-officer', '确认'));
  expect(Object.values(numbers).every((n) => /^XS-2026-\d{4}$/.test(n))).toBe(true);

  // Each receiving agency handles its clue; everyone else tries to look.
  otherViews.push({ userId: 'jcy-organizer', text: await say('jcy-organizer', `受理 ${numbers.jcy}`) });
  otherViews.push({ userId: 'jcy-organizer', text: await say('jcy-organizer', `线索 ${numbers.jcy}`) });
  otherViews.push({ userId: 'jw-organizer', text: await say('jw-organizer', `受理 ${numbers.jw}`) });
  await say('jw-organizer', `办结 ${numbers.jw} 已立案审查`);
  await say('sfj-organizer', `受理 ${numbers.sfj}`);
  for (const userId of ['sfj-leader', 'jcy-leader', 'sfj-organizer', 'nyncj-liaison', 'zhzf-liaison', 'admin']) {
    for (const number of [numbers.jw, 'XS-2026-0999']) otherViews.push({ userId, text: await say(userId, `线索 ${number}`) });
    otherViews.push({ userId, text: await say(userId, `受理 ${numbers.jw}`) });
    otherViews.push({ userId, text: await say(userId, '待办') });
    otherViews.push({ userId, text: await say(userId, '我的线索') });
  }

  for (const userId of ['sfj-leader', 'jcy-leader', 'jw-leader', 'sfj-organizer']) {
    for (const command of ['概况', '逾期', '简报', '导出']) {
      const result = await bot.say(userId, command);
      if (!('status' in result) || result.status !== 200) throw new Error(`${command}: ${JSON.stringify(result)}`);
      const replies = (result.body as { replies: { text: string; file?: { url: string } }[] }).replies;
      leaderOutputs.push({ userId, text: JSON.stringify(replies) });
      for (const file of replies.flatMap((r) => (r.file ? [r.file] : []))) {
        // The link carries no identity: the console user opening it is a cookie of the browser.
        const openAs = (who: string) => fetch(new URL(file.url, bot.url), { headers: { cookie: `console_user=${who}` } });
        const stranger = await openAs('jcy-officer');
        const own = await openAs(userId);
        downloads.push({ userId, strangerStatus: stranger.status, status: own.status, data: Buffer.from(await own.arrayBuffer()) });
      }
    }
  }

  // Errors that carry confidential text in the request must not echo it.
  for (const body of [
    `{"userId":"jw-officer","text":"提交线索：${FACTS[0]}`,
    JSON.stringify({ userId: `${FACTS[0]}${'x'.repeat(80)}`, text: FACTS[2] }),
    JSON.stringify({ userId: 'jw-officer', text: `${FACTS[0]}${'x'.repeat(10_001)}` }),
  ]) {
    const res = await fetch(`${bot.url}/console/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(400);
    errorBodies.push(await res.text());
  }
}, 90_000);

afterAll(async () => {
  await bot?.kill('SIGTERM');
  await mongoose.disconnect();
});

function leaks(text: string, words: string[]): string[] {
  return words.filter((word) => text.includes(word));
}

describe('the permission scan', () => {
  it('no push contains clue facts or a reporter name', async () => {
    const rows = await OutboxModel.find({}).lean();
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) {
      const text = JSON.stringify(openJson(row.message, `outbox.message:${row.key}`));
      expect(leaks(text, [...FACTS, ...REPORTERS]), `${row.key} → ${row.userId}: ${text}`).toEqual([]);
    }
  });

  it('no collection but the roster holds a seeded secret or a person name in plaintext', async () => {
    const db = mongoose.connection.db!;
    const collections = (await db.listCollections().toArray()).map((c) => c.name).filter((name) => name !== 'roster');
    expect(collections).toEqual(expect.arrayContaining(['clues', 'clue_audit', 'conversations', 'outbox', 'sessions']));
    for (const name of collections) {
      for (const doc of await db.collection(name).find().toArray()) {
        const text = JSON.stringify(doc);
        expect(leaks(text, [...FACTS, ...REPORTERS, ...HANDLERS]), `${name}: ${text.slice(0, 400)}`).toEqual([]);
      }
    }
  });

  it('no log line of the bot process contains clue facts or a reporter name', async () => {
    await bot.kill('SIGTERM');
    expect(bot.output.length).toBeGreaterThan(10);
    for (const line of bot.output) expect(leaks(line, [...FACTS, ...REPORTERS]), line).toEqual([]);
  });

  it('no error body echoes what was sent', () => {
    for (const body of errorBodies) expect(leaks(body, FACTS), body).toEqual([]);
  });

  it('outside the receiving agency a jw clue shows no facts and no reporter, and reads like a missing number', () => {
    const byUser = new Map<string, string[]>();
    for (const { userId, text } of otherViews) {
      expect(leaks(text, FACTS.slice(0, 2)), `${userId}: ${text}`).toEqual([]);
      expect(text, `${userId}: ${text}`).not.toContain('赵敏');
      byUser.set(userId, [...(byUser.get(userId) ?? []), text]);
    }
    for (const userId of ['sfj-leader', 'jcy-leader', 'nyncj-liaison']) {
      const [jwView, missingView] = byUser.get(userId)!;
      expect(jwView!.replaceAll(numbers.jw, 'XS-?'), userId).toBe(missingView!.replaceAll('XS-2026-0999', 'XS-?'));
    }
  });

  it('leader queries carry no clue facts and no reporter names', () => {
    expect(leaderOutputs.some((o) => /线索/.test(o.text))).toBe(true);
    for (const { userId, text } of leaderOutputs) {
      expect(leaks(text, [...FACTS, ...REPORTERS]), `${userId}: ${text.slice(0, 300)}`).toEqual([]);
    }
  });

  it('an export opens only for its requester, as a workbook with the clues but no facts and no reporter names', async () => {
    expect(downloads.length).toBeGreaterThan(0);
    for (const { userId, strangerStatus, status, data } of downloads) {
      expect(strangerStatus, userId).toBe(404);
      expect(status, userId).toBe(200);
      expect(data.length, `${userId}: the downloaded workbook is empty`).toBeGreaterThan(0);
      const text = await workbookText(data);
      expect(text).toMatch(/XS-2026-\d{4}/);
      expect(leaks(text, [...FACTS, ...REPORTERS]), `${userId}: ${text.slice(0, 300)}`).toEqual([]);
    }
  });

  it('the receiving agency of an anonymous clue sees its facts but not its reporter', () => {
    const view = otherViews.find((v) => v.userId === 'jcy-organizer' && v.text.includes('青禾牧业'));
    expect(view?.text).toBeDefined();
    expect(view!.text).not.toContain('周洁');
  });
});
