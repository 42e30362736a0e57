import { readFileSync } from 'node:fs';
import mongoose from 'mongoose';
import { afterEach, describe, expect, it } from 'vitest';
import { CLUE_NOT_AVAILABLE } from '../../src/domain/clues/access';
import { ClueAuditModel } from '../../src/store/mongo/models/clue-audit';
import { ClueModel } from '../../src/store/mongo/models/clue';
import { startTestBot, type TestBot } from '../support/test-bot';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const POLLUTION = '县农业农村局对某养殖场向河道排放污水的问题长期不作为，河水发黑发臭';
const BRIBERY = '县建设局副局长张某在工程招投标中收受施工方贿赂二十万元';
const NORMATIVE = '县政府办印发的规范性文件设定罚款，与《行政处罚法》相冲突';

const text = (replies: string[]) => replies.join('\n');
const numberIn = (reply: string) => /XS-\d{4}-\d{4}/.exec(reply)?.[0] ?? '';

/** Every document of the collections a clue touches, as text: what a database reader would see. */
async function storedText(collections = ['clues', 'clue_audit', 'sessions', 'outbox', 'counters', 'conversations', 'claims']): Promise<string> {
  const db = mongoose.connection.db!;
  const dumps = await Promise.all(collections.map((name) => db.collection(name).find().toArray()));
  return JSON.stringify(dumps);
}

async function submitOneLine(b: TestBot, userId: string, facts: string): Promise<string> {
  const summary = text(await b.say(userId, `提交线索：${facts} 实名`));
  expect(summary).toContain('确认');
  return numberIn(text(await b.say(userId, '确认')));
}

describe('clue wizard through /console', () => {
  it('walks the five steps, takes 修改, survives a restart in the middle, and stores the clue encrypted', async () => {
    bot = await startTestBot();
    const { dbName } = bot;
    expect(text(await bot.say('sfj-officer', '提交线索'))).toContain('第1步');
    expect(text(await bot.say('sfj-officer', '某企业向河道偷排废水'))).toContain('第2步');
    expect(text(await bot.say('sfj-officer', '某化工企业'))).toContain('第3步');

    const startedAt = bot.clock.now();
    await bot.close();
    bot = await startTestBot({ dbName, roster: null, now: startedAt });

    expect(text(await bot.say('sfj-officer', '2026年11月，城东河段'))).toContain('第4步');
    expect(text(await bot.say('sfj-officer', '现场照片和群众录音'))).toContain('第5步');
    expect(text(await bot.say('sfj-officer', '也许'))).toContain('请回复「是」或「否」');
    let summary = text(await bot.say('sfj-officer', '否'));
    expect(summary).toContain('事实经过：某企业向河道偷排废水');
    expect(summary).toContain('县人民检察院');
    expect(summary).toContain('生态环境和资源保护');

    expect(text(await bot.say('sfj-officer', '修改'))).toContain('要修改哪一项');
    expect(text(await bot.say('sfj-officer', '1'))).toContain('事实经过');
    summary = text(await bot.say('sfj-officer', '县农业农村局对养殖场向河道排放污水长期不作为'));
    expect(summary).toContain('事实经过：县农业农村局对养殖场向河道排放污水长期不作为');
    expect(text(await bot.say('sfj-officer', '修改'))).toContain('要修改哪一项');
    await bot.say('sfj-officer', '5');
    summary = text(await bot.say('sfj-officer', '是'));
    expect(summary).toContain('对接收机关匿名：是');

    const done = text(await bot.say('sfj-officer', '确认'));
    expect(done).toMatch(/编号 XS-2026-0001/);
    expect(done).toContain('县人民检察院');
    const clue = await ClueModel.findOne({ number: 'XS-2026-0001' }).lean();
    expect(clue).toMatchObject({ route: 'jcy', anonymous: true, status: 'submitted', category: '生态环境和资源保护' });
    const stored = await storedText();
    for (const secret of ['排放污水', '某化工企业', '城东河段', '群众录音', '周洁']) expect(stored).not.toContain(secret);
    expect(await storedText(['clues', 'clue_audit'])).not.toContain('sfj-officer');
  });

  it('asks before a second 提交线索 discards a waiting draft, and tells the officer when an idle draft expires', async () => {
    bot = await startTestBot();
    await bot.say('jw-officer', '提交线索');
    await bot.say('jw-officer', BRIBERY);
    const asked = text(await bot.say('jw-officer', `提交线索：${POLLUTION}`));
    expect(asked).toContain('您有一份尚未提交的草稿');
    expect(asked).toContain('要继续原草稿，还是放弃它并新建？');
    expect(await storedText(['sessions'])).not.toContain('养殖场');
    expect(text(await bot.say('jw-officer', '继续原草稿'))).toContain('好的，继续原草稿。第2步');

    await bot.scheduler.tick(new Date(bot.clock.now().getTime() + 31 * 60_000));
    const pushed = (await bot.stores.outbox.listForUser('console', 'jw-officer')).rows;
    expect(pushed.map((row) => row.message.text).filter((pushedText) => pushedText.includes('草稿'))).toEqual([
      '您的线索草稿已超过30分钟没有继续，已失效。如需移送，请重新发送「提交线索」。',
    ]);
    expect(await mongoose.connection.db!.collection('sessions').countDocuments()).toBe(0);
  });

  it('ends on 取消 and stores nothing', async () => {
    bot = await startTestBot();
    await bot.say('jw-officer', '提交线索');
    await bot.say('jw-officer', '县建设局副局长收受贿赂');
    expect(text(await bot.say('jw-officer', '取消'))).toContain('已取消');
    expect(text(await bot.say('jw-officer', '确认'))).toContain('帮助');
    expect(await ClueModel.countDocuments()).toBe(0);
  });

  it('asks for the route when none clearly wins, explaining each in one line', async () => {
    bot = await startTestBot();
    const menu = text(await bot.say('jcy-officer', '提交线索：有群众反映情况，请处理 匿名'));
    for (const label of ['纪委监委', '检察院', '司法局']) expect(menu).toMatch(new RegExp(`[123]\\. ${label}：`));
    expect(text(await bot.say('jcy-officer', '7'))).toContain('没有识别出');
    expect(text(await bot.say('jcy-officer', '司法局'))).toContain('请选择该线索在县司法局的类别');
    expect(text(await bot.say('jcy-officer', '1'))).toContain('拟移送：县司法局（类别：');
    expect(numberIn(text(await bot.say('jcy-officer', '确认')))).toBe('XS-2026-0001');
  });

  it('does not store a clue about a higher-level official and explains where to report it', async () => {
    bot = await startTestBot();
    const reply = text(await bot.say('jcy-officer', '提交线索：市政府某副市长收受开发商贿赂'));
    expect(reply).toContain('上级纪检监察机关');
    expect(reply).toContain('未保存');
    expect(await ClueModel.countDocuments()).toBe(0);
    expect(text(await bot.say('jcy-officer', '确认'))).toContain('帮助');
  });

  it('saves county matters that mention a higher organ, routed to jcy; refuses a 副县长 taking bribes with the advice to report to the city commission', async () => {
    bot = await startTestBot();
    const INSPECTION = '省委第三巡视组反馈指出，县林业局对辖区内非法占用林地建设厂房的问题长期不予查处';
    const CITY_REQUEST = '县里按照市政府要求开展渣土车整治，但县城管局对渣土车沿街抛撒、夜间乱倒建筑垃圾的问题一直没有查处';
    const first = await submitOneLine(bot, 'sfj-officer', INSPECTION);
    const second = await submitOneLine(bot, 'sfj-officer', CITY_REQUEST);
    expect([first, second]).toEqual(['XS-2026-0001', 'XS-2026-0002']);
    expect(await ClueModel.find({}, { number: 1, route: 1, _id: 0 }).sort({ number: 1 }).lean()).toEqual([
      { number: 'XS-2026-0001', route: 'jcy' },
      { number: 'XS-2026-0002', route: 'jcy' },
    ]);

    const refusal = text(await bot.say('jw-officer', '提交线索：副县长王某在分管的城建项目中收受开发商贿赂'));
    expect(refusal).toContain('请直接向市纪委监委');
    expect(refusal).toContain('本次线索未保存。');
    expect(await ClueModel.countDocuments()).toBe(2);
  });

  it('explains the route at the summary and afterwards to the submitter and the receiving agency only, each view audited', async () => {
    bot = await startTestBot();
    await bot.say('sfj-officer', `提交线索：${POLLUTION} 实名`);
    expect(text(await bot.say('sfj-officer', '为什么'))).toMatch(/判断依据：与已标注的线索比对，最可能属于县人民检察院（把握\d+%）/);
    const number = numberIn(text(await bot.say('sfj-officer', '确认')));
    for (const userId of ['sfj-officer', 'jcy-officer']) {
      const why = text(await bot.say(userId, `为什么 ${number}`));
      expect(why).toContain(`线索 ${number} 现由县人民检察院办理。`);
      expect(why).toContain('起决定作用的词语：「');
    }
    expect(text(await bot.say('jw-officer', `为什么 ${number}`))).toBe(CLUE_NOT_AVAILABLE);
    expect(await ClueAuditModel.countDocuments({ clueNumber: number, action: 'view' })).toBe(2);
  });

  it('keeps media ids as evidence', async () => {
    bot = await startTestBot();
    for (const answer of ['提交线索', BRIBERY, '无', '无']) await bot.say('jw-officer', answer);
    const outcome = await bot.inbox.receive(
      {
        kind: 'message',
        message: {
          channel: 'console',
          platformMessageId: 'img-1',
          userId: 'jw-officer',
          kind: 'image',
          text: '',
          mediaId: 'MEDIA-1',
          receivedAt: bot.clock.now(),
        },
      },
      { kind: 'passive', budgetMs: null },
    );
    expect(outcome.kind === 'passive' && outcome.replies[0]?.text).toContain('共1个');
    await bot.say('jw-officer', '无');
    expect(text(await bot.say('jw-officer', '否'))).toContain('附件1个');
    const number = numberIn(text(await bot.say('jw-officer', '确认')));
    expect(text(await bot.say('jw-officer', `线索 ${number}`))).toContain('MEDIA-1');
  });
});

describe('the three routes end to end', () => {
  it('reaches the right agency, is handled there, tells the submitter each time, and leaks nothing', async () => {
    // An enforcement unit's officer reports: outside all three receiving agencies.
    bot = await startTestBot({
      roster: `${readFileSync('config/roster.example.csv', 'utf8').trim()}\nnyncj-officer,农业农村局执法员何平,nyncj,officer,console\n`,
    });
    const cases = [
      { facts: POLLUTION, agency: 'jcy', name: '县人民检察院' },
      { facts: BRIBERY, agency: 'jw', name: '县纪委监委' },
      { facts: NORMATIVE, agency: 'sfj', name: '县司法局' },
    ];
    for (const { facts, agency, name } of cases) {
      const number = await submitOneLine(bot, 'nyncj-officer', facts);
      expect(number).toMatch(/^XS-2026-\d{4}$/);
      const push = (await bot.outbox(`${agency}-organizer`)).map((m) => m.text).find((t) => t.includes(number));
      expect(push).toContain(`线索 ${number}`);
      expect(push).not.toContain(facts.slice(0, 8));
      expect(push).not.toContain('何平');
      expect(text(await bot.say(`${agency}-officer`, `线索 ${number}`))).toContain(facts);

      expect(text(await bot.say(`${agency}-officer`, `受理 ${number}`))).toContain('已受理');
      expect(text(await bot.say(`${agency}-officer`, `受理 ${number}`))).toContain('无需重复受理');
      expect(text(await bot.say(`${agency}-leader`, `办结 ${number} 已立案处理`))).toContain('已办结');
      const told = (await bot.outbox('nyncj-officer')).map((m) => m.text).filter((t) => t.startsWith(`您提交的线索 ${number}`));
      expect(told).toEqual([expect.stringContaining(`已由${name}受理`), expect.stringContaining(`已由${name}办结`)]);
      expect(text(await bot.say('nyncj-officer', `线索 ${number}`))).toContain('办理结果：已立案处理');
    }

    const bribery = 'XS-2026-0002';
    for (const outsider of ['jcy-officer', 'jcy-leader', 'sfj-officer', 'sfj-leader', 'jcy-organizer']) {
      expect(text(await bot.say(outsider, `线索 ${bribery}`))).toBe(CLUE_NOT_AVAILABLE);
    }
    // The submitter still sees it; the jcy leader sees sfj's clue as status only.
    expect(text(await bot.say('nyncj-officer', `线索 ${bribery}`))).toContain(BRIBERY);
    const status = text(await bot.say('jcy-leader', '线索 XS-2026-0003'));
    expect(status).toContain('已办结');
    expect(status).not.toContain(NORMATIVE);

    const stored = await storedText();
    for (const { facts } of cases) expect(stored).not.toContain(facts.slice(2, 12));
    expect(stored).not.toContain('已立案处理');
    // Pushes must address the submitter; the clue and its audit log do not say who it was.
    expect(await storedText(['clues', 'clue_audit'])).not.toContain('nyncj-officer');
  });
});

describe('confidentiality through the commands', () => {
  it('shows the reporter only inside the receiving agency, and never for an anonymous clue', async () => {
    bot = await startTestBot();
    const named = await submitOneLine(bot, 'sfj-officer', POLLUTION);
    await bot.say('sfj-officer', '提交线索：某药店公开销售假药，监管部门不作为');
    await bot.say('sfj-officer', '是');
    const anonymous = numberIn(text(await bot.say('sfj-officer', '确认')));

    expect(text(await bot.say('jcy-officer', `线索 ${named}`))).toContain('提交人：司法局执法监督科周洁（县司法局）');
    const hidden = text(await bot.say('jcy-officer', `线索 ${anonymous}`));
    expect(hidden).toContain('提交人：匿名');
    expect(hidden).not.toContain('周洁');
    expect(text(await bot.say('sfj-officer', `线索 ${anonymous}`))).toContain('周洁');
  });

  it('refuses a missing number exactly like a forbidden one, for every command', async () => {
    bot = await startTestBot();
    const number = await submitOneLine(bot, 'jcy-officer', BRIBERY);
    for (const [command, tail] of [
      ['线索', ''],
      ['受理', ''],
      ['办结', ' 结果'],
      ['转办', ' 司法局 理由'],
    ]) {
      const forbidden = text(await bot.say('sfj-leader', `${command} ${number}${tail}`));
      const missing = text(await bot.say('sfj-leader', `${command} XS-2026-0999${tail}`));
      expect(forbidden).toBe(CLUE_NOT_AVAILABLE);
      expect(missing).toBe(forbidden);
    }
    expect(await ClueModel.countDocuments({ status: 'submitted', route: 'jw' })).toBe(1);
  });

  it('writes every view of details and every change to the append-only audit log', async () => {
    bot = await startTestBot();
    const number = await submitOneLine(bot, 'jcy-officer', NORMATIVE);
    await bot.say('sfj-officer', `线索 ${number}`);
    await bot.say('jw-leader', `线索 ${number}`); // refused: not audited as a view
    await bot.say('sfj-officer', `转办 ${number} 检察院 涉及公益诉讼`);
    const entries = await bot.services.clues.audit.entries(number);
    expect(entries.map((e) => [e.action, e.actor.userId, e.channel])).toEqual([
      ['submit', 'jcy-officer', 'console'],
      ['view', 'sfj-officer', 'console'],
      ['transfer', 'sfj-officer', 'console'],
    ]);
    expect(entries.every((e) => e.at instanceof Date)).toBe(true);
    await expect(ClueAuditModel.updateOne({ clueNumber: number }, { $set: { action: 'view' } })).rejects.toThrow('append-only');
    await expect(ClueAuditModel.deleteMany({})).rejects.toThrow('append-only');
    expect(await ClueAuditModel.countDocuments({ clueNumber: number })).toBe(3);
  });
});

describe('转办', () => {
  it('moves the clue, records why, tells the new agency and the submitter, and hands the old one nothing more', async () => {
    bot = await startTestBot();
    const number = await submitOneLine(bot, 'jw-officer', NORMATIVE);
    expect(text(await bot.say('sfj-officer', `转办 ${number} 火星局 不属于本单位`))).toContain('找不到单位「火星局」');
    expect(text(await bot.say('sfj-officer', `转办 ${number} sfj 不属于本单位`))).toContain('无需转办');
    expect(text(await bot.say('sfj-officer', `转办 ${number} 检察院 涉及国家利益受损`))).toContain('已转办至县人民检察院');

    expect((await bot.outbox('jcy-officer')).map((m) => m.text).join('\n')).toContain(`【新线索】${number}`);
    expect((await bot.outbox('jw-officer')).map((m) => m.text).join('\n')).toContain('已转办至县人民检察院');
    expect(text(await bot.say('sfj-officer', `线索 ${number}`))).toBe(CLUE_NOT_AVAILABLE);
    const view = text(await bot.say('jcy-officer', `线索 ${number}`));
    expect(view).toContain('县司法局 → 县人民检察院，理由：涉及国家利益受损');
    expect(text(await bot.say('jcy-officer', `受理 ${number}`))).toContain('已受理');
  });
});

describe('lists', () => {
  it("我的线索 lists the sender's own; 待办 lists what waits for the sender's agency", async () => {
    bot = await startTestBot();
    const mine = await submitOneLine(bot, 'jw-officer', POLLUTION);
    await submitOneLine(bot, 'sfj-officer', BRIBERY);
    const list = text(await bot.say('jw-officer', '我的线索'));
    expect(list).toContain(mine);
    expect(list).not.toContain('XS-2026-0002');
    expect(text(await bot.say('jcy-organizer', '待办'))).toContain(mine);
    expect(text(await bot.say('sfj-leader', '待办'))).toContain('没有待办');
    expect(text(await bot.say('nyncj-liaison', '待办'))).toContain('没有待办');
  });
});

describe('numbering', () => {
  it('gives 20 concurrent confirmations 20 consecutive numbers, no gap, no duplicate', async () => {
    const officers = Array.from({ length: 20 }, (_, i) => `officer-${i}`);
    const roster = ['userId,name,agency,roles,channel', ...officers.map((id, i) => `${id},办案员${i},jcy,officer,console`)].join('\n');
    bot = await startTestBot({ roster });
    const b = bot;
    await Promise.all(officers.map((id) => b.say(id, `提交线索：${POLLUTION} 实名`)));
    const replies = await Promise.all(officers.map((id) => b.say(id, '确认')));
    const numbers = replies.map((r) => numberIn(text(r))).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `XS-2026-${String(i + 1).padStart(4, '0')}`));
    expect(await ClueModel.countDocuments()).toBe(20);
  });
});

describe('补充 and 撤回 through /console', () => {
  it('the submitter adds material (the agency told) and withdraws before 受理; both audited, sealed, and refused to others', async () => {
    bot = await startTestBot();
    const number = await submitOneLine(bot, 'sfj-officer', POLLUTION);
    expect(text(await bot.say('jcy-officer', `补充 ${number} 我也知道些情况`))).toBe(CLUE_NOT_AVAILABLE);
    expect(text(await bot.say('sfj-officer', `补充 ${number} 又拍到夜间偷排视频`))).toContain('已为线索');
    const told = (await bot.stores.outbox.listForUser('console', 'jcy-officer')).rows;
    expect(told.map((row) => row.message.text)).toContain(`提交人为线索 ${number}（类别：生态环境和资源保护）补充了材料，请发送「线索 ${number}」查看。`);
    expect(text(await bot.say('jcy-officer', `线索 ${number}`))).toContain('：又拍到夜间偷排视频');

    expect(text(await bot.say('sfj-officer', `撤回 ${number}`))).toContain('格式：撤回 XS-年份-编号 <撤回理由>');
    expect(text(await bot.say('sfj-officer', `撤回 ${number} 经核实系误报`))).toContain('已撤回');
    expect(text(await bot.say('jcy-officer', `受理 ${number}`))).toContain('已由提交人撤回');
    expect(text(await bot.say('jcy-officer', '待办'))).toContain('没有待办');
    expect(await ClueModel.findOne({ number }).lean()).toMatchObject({ status: 'withdrawn' });
    const audit = await bot.services.clues.audit.entries(number);
    expect(audit.map((row) => [row.action, row.actor.userId])).toEqual([
      ['submit', 'sfj-officer'],
      ['supplement', 'sfj-officer'],
      ['view', 'jcy-officer'],
      ['withdraw', 'sfj-officer'],
    ]);
    const stored = await storedText(['clues', 'clue_audit', 'outbox']);
    for (const secret of ['夜间偷排', '误报']) expect(stored).not.toContain(secret);
  });
});

describe('concurrent taps', () => {
  it('accepts once when three members tap 受理 together, and stores one clue for a doubled 确认', async () => {
    bot = await startTestBot();
    const b = bot;
    await b.say('jw-officer', `提交线索：${POLLUTION} 实名`);
    const confirmations = await Promise.all([b.say('jw-officer', '确认'), b.say('jw-officer', '确认')]);
    expect(await ClueModel.countDocuments()).toBe(1);
    const number = numberIn(text(confirmations[0]!));
    expect(number).toBe('XS-2026-0001');

    const answers = await Promise.all(['jcy-officer', 'jcy-organizer', 'jcy-leader'].map((id) => b.say(id, `受理 ${number}`)));
    expect(answers.filter((a) => text(a).startsWith('已受理'))).toHaveLength(1);
    expect((await b.outbox('jw-officer')).filter((m) => m.text.includes('受理'))).toHaveLength(1);
    expect((await b.services.clues.audit.entries(number)).filter((e) => e.action === 'accept')).toHaveLength(1);
  });
});

describe('acceptance reminder', () => {
  it('reminds the receiving organizers once, the working day after 15 working days, however often the tick runs', async () => {
    bot = await startTestBot({ now: new Date('2026-11-26T02:00:00Z') });
    const number = await submitOneLine(bot, 'jw-officer', POLLUTION);
    const clue = await ClueModel.findOne({ number }).lean();
    // 2026-11-26 (Thu) + 15 working days = 2026-12-17 (Thu); reminded 2026-12-18 at 09:00 Shanghai.
    expect(clue?.acceptanceDue).toBe('2026-12-17');

    await bot.scheduler.tick(new Date('2026-12-18T00:59:00Z'));
    const reminders = async () => (await bot!.outbox('jcy-organizer')).filter((m) => m.text.startsWith('【受理提醒】'));
    expect(await reminders()).toHaveLength(0);
    await bot.scheduler.tick(new Date('2026-12-18T01:00:00Z'));
    await bot.scheduler.tick(new Date('2026-12-18T01:01:00Z'));
    await bot.scheduler.tick(new Date('2026-12-25T01:00:00Z'));
    const sent = await reminders();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain(number);
    expect(sent[0]!.text).not.toContain('养殖场');
    expect((await bot.outbox('jcy-officer')).filter((m) => m.text.startsWith('【受理提醒】'))).toHaveLength(0);
  });

  it('does not remind about a clue accepted in time', async () => {
    bot = await startTestBot();
    const number = await submitOneLine(bot, 'jw-officer', POLLUTION);
    await bot.say('jcy-officer', `受理 ${number}`);
    await bot.scheduler.tick(new Date('2027-01-10T01:00:00Z'));
    expect((await bot.outbox('jcy-organizer')).filter((m) => m.text.startsWith('【受理提醒】'))).toHaveLength(0);
  });
});
