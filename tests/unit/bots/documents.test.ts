import { describe, expect, it } from 'vitest';
import { documentsBot } from '../../../bots/documents';
import { WIZARD_TEXTS } from '../../../src/conversation/wizard';
import type { AnswerPolicy } from '../../../src/kernel/inbound';
import { configured } from '../../support/document-kinds';
import { startMemoryBot } from '../../support/memory-bot';
import { examplePeople } from '../../support/example-roster';

const CONSOLE: AnswerPolicy = { kind: 'passive', budgetMs: null };
const { kinds } = configured();

/** The documents bot behind the real dispatcher and inbox, its services over the memory stores of the same bot. */
function start(now = new Date('2026-04-01T02:00:00Z')) {
  const bot = startMemoryBot({ bots: [documentsBot(kinds)], people: examplePeople(), answers: CONSOLE });
  const domain = bot.services;
  bot.clock.set(now);
  const say = async (userId: string, text: string) => {
    const answer = await bot.channel.send(userId, text);
    return answer.kind === 'passive' ? answer.replies.map((r) => r.text).join('\n') : '';
  };
  return { bot, domain, say };
}

describe('the documents bot', () => {
  it('has one registration command per kind registered in chat, then the answers and views', () => {
    expect(documentsBot(kinds).commands.map((c) => c.name)).toEqual([
      '登记检察建议',
      '登记监督通知书',
      '登记监督决定书',
      '登记移送案件',
      '回复',
      '签收',
      '办理情况',
      '整改完成',
      '调整期限',
      '移送进展',
      '文书',
    ]);
    expect(documentsBot(kinds).commands[3]!.usage).toBe(
      '登记移送案件 <文号> <移送日期 YYYY-MM-DD> [期限 YYYY-MM-DD] — 登记并跟踪期限（只发「登记移送案件」可逐项填写）',
    );
  });
});

describe('the registration wizard', () => {
  it('asks 文号, unit and the actual date (a date or 今天, not after today), re-asks bad answers, lets one item be changed, and registers on 确认', async () => {
    const { say, domain } = start();
    expect(await say('sfj-officer', '登记监督通知书')).toBe('开始登记行政执法监督通知书（随时发送「取消」退出）。\n请输入文号（例如 嘉检行公建〔2026〕3号）：');
    expect(await say('sfj-officer', '嘉司监通〔2026〕5号')).toContain('接收单位');
    expect(await say('sfj-officer', '不存在的局')).toContain('找不到单位');
    expect(await say('sfj-officer', '综合行政执法局')).toContain('请输入实际送达日期（YYYY-MM-DD，当天可回复「今天」）：');
    expect(await say('sfj-officer', '2026-02-30')).toContain('不是有效日期');
    expect(await say('sfj-officer', '2026-04-02')).toBe(
      '送达日期 2026-04-02 晚于今天，请填写实际送达的日期。\n请输入实际送达日期（YYYY-MM-DD，当天可回复「今天」）：',
    );
    const summary = await say('sfj-officer', '今天');
    expect(summary).toContain('请确认登记：行政执法监督通知书，文号 嘉司监通〔2026〕5号');
    expect(summary).toContain('接收单位：县综合行政执法局；起算日：2026-04-01');
    expect(summary).toContain('期限：2026-05-06（按30日计算）');
    expect(await say('sfj-officer', '修改')).toContain(WIZARD_TEXTS.editMenu);
    expect(await say('sfj-officer', '2')).toContain('接收单位');
    expect(await say('sfj-officer', 'jsj')).toContain('接收单位：县建设局');
    expect(await say('sfj-officer', '确认')).toContain('已登记 行政执法监督通知书 TZ-2026-0001（文号：嘉司监通〔2026〕5号）');
    expect(domain.stores.documents.records).toMatchObject([{ number: 'TZ-2026-0001', kind: 'notice', recipient: 'jsj', dueDate: '2026-05-06' }]);
    expect(domain.pushed('sfj-officer')).toEqual([]);
    expect(await say('sfj-officer', '文书')).toContain('• TZ-2026-0001 行政执法监督通知书（嘉司监通〔2026〕5号）期限 2026-05-06');
  });

  it('asks a recommendation’s urgent question, and skips the unit of a transfer, which goes to the police', async () => {
    const { say } = start();
    await say('jcy-officer', '登记检察建议');
    await say('jcy-officer', '嘉检建〔2026〕1号');
    await say('jcy-officer', 'nyncj');
    expect(await say('jcy-officer', '2026-04-01')).toContain('是否为诉前紧急情形（损害仍在扩大，期限15日）？请回复「是」或「否」：');
    expect(await say('jcy-officer', '是')).toContain('接收单位：县农业农村局；起算日：2026-04-01（紧急）');
    await say('jcy-officer', '取消');

    expect(await say('zhzf-liaison', '登记移送案件')).toContain('请输入文号');
    expect(await say('zhzf-liaison', '嘉综执移〔2026〕1号')).toBe('请输入实际移送日期（YYYY-MM-DD，当天可回复「今天」）：');
    expect(await say('zhzf-liaison', '3月5日')).toContain('不是有效日期');
    expect(await say('zhzf-liaison', '今日')).toContain('接收单位：县公安局；起算日：2026-04-01');
    await say('zhzf-liaison', '修改');
    await say('zhzf-liaison', '2');
    expect(await say('zhzf-liaison', '2026-03-05')).toContain('起算日：2026-03-05');
  });

  it('refuses a sender who may not register the kind before asking anything', async () => {
    const { say, bot } = start();
    expect(await say('nyncj-liaison', '登记检察建议')).toBe('「登记检察建议」不适用于县农业农村局。发送「帮助」查看您可用的命令。');
    expect(bot.stores.sessions.records.size).toBe(0);
  });

  it('ends a session of a kind no longer configured politely', async () => {
    const { say, bot } = start();
    await say('sfj-officer', '登记监督通知书');
    const [id, record] = [...bot.stores.sessions.records.entries()][0]!;
    const data = record.data as { values: { kind: string } };
    data.values.kind = 'circular';
    await bot.stores.sessions.write(id, record);
    expect(await say('sfj-officer', '嘉司监通〔2026〕6号')).toBe(`${WIZARD_TEXTS.outdated}请重新发送登记命令（发送「帮助」查看）。`);
    expect(bot.stores.sessions.records.size).toBe(0);
  });
});

describe('the one-line form', () => {
  it('registers at once, or answers with the kind’s usage', async () => {
    const { say, domain } = start();
    expect(await say('jcy-officer', '登记检察建议 嘉检建〔2026〕2号 nyncj 2026-04-01 期限 2026-05-20')).toContain('期限由签发单位指定，期限：2026-05-20');
    expect(await say('jcy-officer', '登记检察建议 嘉检建〔2026〕3号')).toBe(
      '格式不对。请发送：登记检察建议 <文号> <被建议单位> <送达日期 YYYY-MM-DD> [紧急] [期限 YYYY-MM-DD]\n或只发送「登记检察建议」按提示逐项填写。',
    );
    expect(await say('nyncj-liaison', '回复 JY-2026-0001 已书面回复')).toContain(
      '已登记 JY-2026-0001 的回复（2026-04-01，按期），已通知对方单位。\n提醒已停止。',
    );
    expect(domain.pushed('jcy-organizer', '【回复】')).toHaveLength(1);
    await say('sfj-officer', '登记监督通知书 嘉司监〔2026〕1号 zhzf 2026-04-01');
    expect(await say('zhzf-liaison', '回复 TZ-2026-0001 已收到')).toContain(
      '该行政执法监督通知书仍需整改，整改完成后请发送「整改完成 TZ-2026-0001 <整改情况>」。',
    );
  });
});
