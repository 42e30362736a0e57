import { describe, expect, it } from 'vitest';
import { clueDeskBot } from '../../../bots/clue-desk';
import type { ClueRoute } from '../../../src/config/routing';
import { CLUE_NOT_AVAILABLE } from '../../../src/domain/clues/access';
import type { AnswerPolicy } from '../../../src/kernel/inbound';
import type { Person } from '../../../src/kernel/people';
import { startMemoryBot } from '../../support/memory-bot';
import { examplePeople } from '../../support/example-roster';

const EXAMPLE_ROSTER = examplePeople();

const CONSOLE: AnswerPolicy = { kind: 'passive', budgetMs: null };
const POLLUTION = '县农业农村局对某养殖场向河道排放污水的问题长期不作为，河水发黑发臭';

const who = (userId: string): Person => EXAMPLE_ROSTER.find((p) => p.userId === userId)!;

function start() {
  const bot = startMemoryBot({ bots: [clueDeskBot], people: EXAMPLE_ROSTER, answers: CONSOLE });
  const say = async (userId: string, text: string) => (await bot.say(userId, text)).join('\n');
  let drafts = 0;
  /** A clue submitted by `userId` and routed to `route` (the intake wizard is clue-intake.test.ts's). */
  const submit = async (userId: string, route: ClueRoute, anonymous = false) => {
    drafts += 1;
    const draft = { id: `draft-${drafts}`, facts: POLLUTION, attachments: [], anonymous, route, category: '生态环境和资源保护' };
    return (await bot.services.clues.submit(who(userId), draft, 'console')).number;
  };
  /** The whole first reply, buttons included. */
  const reply = async (userId: string, text: string) => {
    const answer = await bot.channel.send(userId, text);
    return answer.kind === 'passive' ? answer.replies[0]! : { text: '' };
  };
  return { ...bot, say, submit, reply };
}

describe('线索', () => {
  it('shows the details inside the receiving agency, the status to another leader and nothing to anyone else', async () => {
    const bot = start();
    const number = await bot.submit('sfj-officer', 'jcy');
    const details = await bot.say('jcy-officer', `线索 ${number}`);
    expect(details).toContain(`事实经过：${POLLUTION}`);
    expect(details).toContain('提交人：司法局执法监督科周洁（县司法局）');
    expect(details).toContain(`接收机关核实后请发送「受理 ${number}」`);

    const status = await bot.say('jw-leader', `线索${number}`);
    expect(status).toContain('状态：待受理（受理期限 2026-12-17）');
    expect(status).toContain('具体内容仅接收机关可见');
    expect(status).not.toContain('养殖场');

    expect(await bot.say('jw-officer', `线索 ${number}`)).toBe(CLUE_NOT_AVAILABLE);
    expect(await bot.say('jcy-officer', '线索 XS-2026-0999')).toBe(CLUE_NOT_AVAILABLE);
    expect(await bot.say('jcy-officer', '线索 12')).toBe('格式：线索 XS-年份-编号');
  });

  it('shows 匿名 for an anonymous clue', async () => {
    const bot = start();
    const number = await bot.submit('sfj-officer', 'jcy', true);
    expect(await bot.say('jcy-officer', `线索 ${number}`)).toContain('提交人：匿名');
  });
});

describe('受理, 办结, 转办', () => {
  it('accepts and concludes, tells the submitter, and answers a repeat or a wrong order with what to do', async () => {
    const bot = start();
    const number = await bot.submit('jw-officer', 'jcy');
    expect(await bot.say('jcy-officer', `办结 ${number} 已立案`)).toBe(`线索 ${number} 尚未受理，请先发送「受理 ${number}」。`);
    expect(await bot.say('jcy-officer', `受理 ${number}`)).toBe(`已受理线索 ${number}，已通知提交人。办理完毕请发送「办结 ${number} <办理结果>」。`);
    expect(await bot.say('jcy-organizer', `受理 ${number}`)).toContain('无需重复受理');
    expect(await bot.say('jcy-leader', `办结 ${number} 已立案处理`)).toBe(`线索 ${number} 已办结，已通知提交人。`);
    expect(await bot.say('jcy-officer', `转办 ${number} 司法局 不属本单位`)).toBe(`线索 ${number} 已办结，不能再更改。`);
    expect(await bot.say('jw-officer', `线索 ${number}`)).toContain('办理结果：已立案处理');
    expect(bot.outboxKeys().filter((key) => key.includes(':submitter:'))).toEqual([
      `clue:${number}:accept:0:submitter:console:jw-officer`,
      `clue:${number}:conclude:0:submitter:console:jw-officer`,
    ]);
  });

  it('transfers to a named agency and refuses an unknown or the same one', async () => {
    const bot = start();
    const number = await bot.submit('jw-officer', 'sfj');
    expect(await bot.say('sfj-officer', `转办 ${number} 火星局 不属本单位`)).toBe(
      '找不到单位「火星局」。请用全称或简称，可选：县纪委监委、县人民检察院、县司法局。',
    );
    expect(await bot.say('sfj-officer', `转办 ${number} sfj 不属本单位`)).toBe(`线索 ${number} 已在县司法局，无需转办。`);
    expect(await bot.say('sfj-officer', `转办 ${number} 检察院 涉及国家利益受损`)).toBe(`线索 ${number} 已转办至县人民检察院，已通知该单位和提交人。`);
    expect(bot.outboxKeys()).toEqual(
      expect.arrayContaining([`clue:${number}:routed:1:console:jcy-officer`, `clue:${number}:transfer:1:submitter:console:jw-officer`]),
    );
    expect(await bot.say('sfj-officer', `线索 ${number}`)).toBe(CLUE_NOT_AVAILABLE);
    expect(await bot.say('jcy-officer', `线索 ${number}`)).toContain('县司法局 → 县人民检察院，理由：涉及国家利益受损');
  });

  it('refuses members of other agencies like a missing clue, and roles without the permission before looking', async () => {
    const bot = start();
    const number = await bot.submit('jw-officer', 'sfj');
    for (const [command, tail] of [
      ['受理', ''],
      ['办结', ' 结果'],
      ['转办', ' 检察院 理由'],
    ]) {
      expect(await bot.say('jcy-officer', `${command} ${number}${tail}`)).toBe(CLUE_NOT_AVAILABLE);
      expect(await bot.say('nyncj-liaison', `${command} ${number}${tail}`)).toBe(CLUE_NOT_AVAILABLE);
      expect(await bot.say('admin', `${command} ${number}${tail}`)).toBe(
        `「${command}」仅限办案人员、联络员、领导使用。如需开通，请联系本单位联络员或系统管理员。发送「帮助」查看您可用的命令。`,
      );
    }
    expect(bot.stores.clues.records).toMatchObject([{ status: 'submitted', route: 'sfj', version: 0 }]);
  });

  it('answers a malformed command with its usage', async () => {
    const bot = start();
    expect(await bot.say('jcy-officer', '受理')).toContain('受理 XS-年份-编号');
    expect(await bot.say('jcy-officer', '办结 XS-2026-0001')).toContain('办结 XS-年份-编号 <办理结果>');
    expect(await bot.say('jcy-officer', '转办 XS-2026-0001 司法局')).toContain('转办 XS-年份-编号 <机构> <理由>');
  });

  it('accepts once when three members tap 受理 together', async () => {
    const bot = start();
    const number = await bot.submit('jw-officer', 'jcy');
    const answers = await Promise.all(['jcy-officer', 'jcy-organizer', 'jcy-leader'].map((id) => bot.say(id, `受理 ${number}`)));
    expect(answers.filter((answer) => answer.startsWith('已受理'))).toHaveLength(1);
    expect(answers.filter((answer) => answer.includes('无需重复受理'))).toHaveLength(2);
    expect(bot.outboxKeys().filter((key) => key.startsWith(`clue:${number}:accept:`))).toHaveLength(1);
  });
});

describe('我的线索 and 待办', () => {
  it("lists the sender's own clues and what waits for the sender's agency", async () => {
    const bot = start();
    expect(await bot.say('jw-officer', '我的线索')).toBe('您还没有提交过线索。发送「提交线索」开始移送。');
    const mine = await bot.submit('jw-officer', 'jcy');
    await bot.submit('sfj-officer', 'jw');

    const list = await bot.say('jw-officer', '我的线索');
    expect(list).toBe(
      ['您提交的线索（新的在前）：', `1. ${mine}　县人民检察院　生态环境和资源保护　待受理　2026-11-26`, '发送「线索 <编号>」查看详情。'].join('\n'),
    );
    expect(await bot.say('jcy-organizer', '待办')).toContain(mine);
    expect(await bot.say('jcy-organizer', '待办')).not.toContain('XS-2026-0002');
    expect(await bot.say('sfj-leader', '待办')).toBe('本单位目前没有待办线索。');
    expect(await bot.say('nyncj-liaison', '待办')).toBe('本单位目前没有待办线索。');
  });

  it('pages both lists ten at a time with a 下一页 button, every clue on exactly one page', async () => {
    const bot = start();
    const numbers: string[] = [];
    for (let i = 0; i < 12; i++) {
      numbers.push(await bot.submit('jw-officer', 'jcy'));
      bot.clock.advance(60_000);
    }
    const first = await bot.reply('jw-officer', '我的线索');
    expect(first.buttons).toEqual(['我的线索 第2页']);
    expect(first.text).toContain('第1页；下一页：发送或点「我的线索 第2页」。');
    const second = await bot.reply('jw-officer', first.buttons![0]!);
    expect(second.buttons).toBeUndefined();
    expect(second.text).toContain('11. ');
    expect(second.text).toContain('第2页，已是最后一页。');
    const listed = (text: string) => numbers.filter((n) => text.includes(n)).sort((a, b) => text.indexOf(a) - text.indexOf(b));
    expect([...listed(first.text), ...listed(second.text)].sort()).toEqual([...numbers].sort());
    expect(listed(first.text)[0]).toBe(numbers.at(-1));
    const pending = await bot.reply('jcy-organizer', '待办 2');
    expect(listed(pending.text)).toEqual(numbers.slice(10));
    expect(await bot.say('jcy-organizer', '待办 第3页')).toBe('第3页没有内容了。发送「待办」从第1页看。');
  });
});

describe('为什么', () => {
  it('tells the submitter and the receiving agency why the clue went there, audited, and refuses anyone else', async () => {
    const bot = start();
    const number = await bot.submit('sfj-officer', 'jcy');
    for (const userId of ['sfj-officer', 'jcy-officer']) {
      const why = await bot.say(userId, `为什么 ${number}`);
      expect(why).toContain(`线索 ${number} 现由县人民检察院办理。`);
      expect(why).toMatch(/判断依据：与已标注的线索比对，最可能属于县人民检察院（把握\d+%）；起决定作用的词语：「/);
      expect(why).toContain('类别：生态环境和资源保护。');
    }
    expect(await bot.say('jw-officer', `为什么 ${number}`)).toBe(CLUE_NOT_AVAILABLE);
    expect(await bot.say('jw-officer', '为什么 XS-2026-0999')).toBe(CLUE_NOT_AVAILABLE);
    expect((await bot.services.clues.audit.entries(number)).map((e) => e.action)).toEqual(['submit', 'view', 'view']);
  });

  it('says when the clue is not where the router would send it', async () => {
    const bot = start();
    const number = await bot.submit('jcy-officer', 'sfj');
    expect(await bot.say('jcy-officer', `为什么 ${number}`)).toContain('接收机关县司法局由提交人选择或经转办确定。');
  });
});
