import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClueRoute } from '../../src/config/routing';
import type { OutgoingMessage } from '../../src/kernel/messages';
import { startTestBot, type TestBot } from '../support/test-bot';

const NOW = new Date('2026-11-26T02:00:00Z');

async function send(bot: TestBot, userId: string, text: string): Promise<OutgoingMessage> {
  const res = await bot.post('/console/messages', JSON.stringify({ userId, text }));
  expect(res.status).toBe(200);
  const replies = ((await res.json()) as { replies: OutgoingMessage[] }).replies;
  expect(replies).toHaveLength(1);
  return replies[0]!;
}

async function submitClue(bot: TestBot, userId: string, route: ClueRoute, facts: string): Promise<string> {
  const sender = (await bot.services.roster.find('console', userId))!;
  const category = { jw: '贪污贿赂', jcy: '生态环境和资源保护', sfj: '规范性文件审查' }[route];
  return (await bot.services.clues.submit(sender, { id: randomUUID(), facts, attachments: [], anonymous: false, route, category }, 'console')).number;
}

const resultLines = (text: string) => text.split('\n').filter((line) => /^\d+\. /.test(line));

describe('查询 across what the sender may see', () => {
  let bot: TestBot;
  let jcyClue: string;
  let jwClue: string;
  beforeAll(async () => {
    bot = await startTestBot({ now: NOW });
    jcyClue = await submitClue(bot, 'sfj-officer', 'jcy', '县市场监管局执法人员刘某某对超范围经营未依法处罚');
    jwClue = await submitClue(bot, 'sfj-officer', 'jw', '刘某某收受红包二十万元');
    await submitClue(bot, 'sfj-officer', 'sfj', '规范性文件与上位法冲突');
    const sfj = (await bot.services.roster.find('console', 'sfj-officer'))!;
    const jcy = (await bot.services.roster.find('console', 'jcy-officer'))!;
    for (let i = 1; i <= 13; i++) {
      const startDate = `2026-${String(1 + (i % 10)).padStart(2, '0')}-${String(10 + i).padStart(2, '0')}`;
      await bot.services.documents.register(sfj, { kind: 'notice', reference: `嘉司监〔2026〕${i}号`, recipient: 'zhzf', startDate, urgent: false });
    }
    await bot.services.documents.register(jcy, {
      kind: 'recommendation',
      reference: '嘉检建〔2026〕5号',
      recipient: 'nyncj',
      startDate: '2026-10-15',
      urgent: false,
    });
  }, 120_000);
  afterAll(async () => {
    await bot?.close();
  });

  it('finds a clue by a unit named in its facts and by a person, audits the clues it opened, never shows the facts', async () => {
    const byUnit = await send(bot, 'jcy-officer', '查询 市场监管局');
    expect(byUnit.text).toContain('按 「市场监管局」 查到');
    expect(byUnit.text).toContain(`线索 ${jcyClue}`);
    expect(byUnit.text).toContain('（内容含关键词）');
    expect(byUnit.text).not.toContain('超范围经营');
    const byPerson = await send(bot, 'jcy-officer', '查询 刘某某');
    expect(resultLines(byPerson.text)).toHaveLength(1);
    expect(byPerson.text).toContain(jcyClue);
    const audit = await bot.services.clues.audit.entries(jcyClue);
    expect(audit.filter((e) => e.action === 'search' && e.actor.userId === 'jcy-officer')).toHaveLength(2);
    // The jw clue was never opened for jcy: no search line.
    expect((await bot.services.clues.audit.entries(jwClue)).some((e) => e.action === 'search')).toBe(false);
  });

  it('a jcy officer cannot find jw clue facts or number; the submitter can', async () => {
    expect((await send(bot, 'jcy-officer', '查询 收受红包')).text).toContain('没有找到您可查看的');
    expect((await send(bot, 'jcy-officer', `查询 ${jwClue}`)).text).toContain('没有找到您可查看的');
    expect((await send(bot, 'jcy-leader', `查询 ${jwClue}`)).text).toContain('没有找到您可查看的');
    expect((await send(bot, 'sfj-officer', '查询 收受红包')).text).toContain(`线索 ${jwClue}`);
    expect((await send(bot, 'jw-officer', '查询 收受红包')).text).toContain(`线索 ${jwClue}`);
  });

  it('finds a document by its 文号 (brackets as typed) and by number', async () => {
    const byReference = await send(bot, 'jcy-officer', '查询 嘉司监[2026]7号');
    expect(resultLines(byReference.text)).toEqual([expect.stringContaining('（嘉司监〔2026〕7号）')]);
    const number = /TZ-\d{4}-\d{4}/.exec(byReference.text)![0];
    expect((await send(bot, 'jcy-officer', `查询 ${number}`)).text).toContain('嘉司监〔2026〕7号');
  });

  it('pages with a 下一页 button that sends the next page', async () => {
    const first = await send(bot, 'sfj-officer', '查询 综合执法局');
    expect(resultLines(first.text)).toHaveLength(10);
    expect(first.buttons).toEqual(['查询 综合执法局 第2页']);
    const second = await send(bot, 'sfj-officer', first.buttons![0]!);
    expect(resultLines(second.text)).toHaveLength(3);
    expect(resultLines(second.text)[0]).toMatch(/^11\. /);
    expect(second.text).toContain('已是最后一页');
    expect(second.buttons ?? []).toEqual([]);
    const all = [...resultLines(first.text), ...resultLines(second.text)].map((l) => /（(嘉司监〔2026〕\d+号)）/.exec(l)![1]);
    expect(new Set(all).size).toBe(13);
  });

  it('an enforcement unit’s liaison finds only its own unit’s items', async () => {
    expect((await send(bot, 'nyncj-liaison', '查询 综合执法局')).text).toContain('没有找到您可查看的');
    expect((await send(bot, 'nyncj-liaison', '查询 嘉司监〔2026〕7号')).text).toContain('没有找到您可查看的');
    expect((await send(bot, 'nyncj-liaison', '查询 刘某某')).text).toContain('没有找到您可查看的');
    const own = await send(bot, 'nyncj-liaison', '查询 嘉检建');
    expect(resultLines(own.text)).toEqual([expect.stringContaining('（嘉检建〔2026〕5号）')]);
  });

  it('filters by 单位, 状态 and 时间; unclear or bad filters are asked or refused', async () => {
    const march = await send(bot, 'sfj-officer', '查询 单位 城管局 时间 2026年3月');
    expect(march.text).toContain('单位：综合执法局，时间：2026-03-01 至 2026-03-31');
    expect(resultLines(march.text).length).toBeGreaterThan(0);
    for (const line of resultLines(march.text)) expect(line).toMatch(/2026-03-\d\d$/);
    expect((await send(bot, 'sfj-officer', '查询 综合执法局 状态 已办结')).text).toContain('没有找到您可查看的');
    const clues = await send(bot, 'sfj-officer', '查询 待受理');
    expect(resultLines(clues.text)).toHaveLength(3);
    const typo = await send(bot, 'sfj-officer', '查询 单位 市场监管句');
    expect(typo.text).toContain('您是不是要找');
    expect(typo.buttons).toContain('查询 单位 县市场监督管理局');
    expect((await send(bot, 'sfj-officer', '查询 状态 很好')).text).toContain('看不懂状态「很好」');
    expect((await send(bot, 'sfj-officer', '查询')).text).toContain('请说要查什么');
  });
});
