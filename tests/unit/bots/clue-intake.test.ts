import { describe, expect, it } from 'vitest';
import { clueIntakeBot } from '../../../bots/clue-intake';
import { TEXTS } from '../../../src/conversation/texts';
import { ANONYMITY_QUESTION, WIZARD_PROMPTS } from '../../../src/domain/clues/texts';
import { WIZARD_TEXTS } from '../../../src/conversation/wizard';
import type { AnswerPolicy } from '../../../src/kernel/inbound';
import { startMemoryBot } from '../../support/memory-bot';
import { Sessions } from '../../../src/conversation/sessions';
import { sessionExpiryJob } from '../../../src/scheduler/session-jobs';
import { examplePeople } from '../../support/example-roster';
import { ATTACHMENT_TEXTS } from '../../../src/domain/clues/attachments';
import { MediaDownloadError, type DownloadedMedia, type DownloadMedia } from '../../../src/kernel/media';

const EXAMPLE_ROSTER = examplePeople();

const CONSOLE: AnswerPolicy = { kind: 'passive', budgetMs: null };
const POLLUTION = '县农业农村局对某养殖场向河道排放污水的问题长期不作为，河水发黑发臭';
const BRIBERY = '县建设局副局长张某在工程招投标中收受施工方贿赂二十万元';
const OUTDATED = `${WIZARD_TEXTS.outdated}请重新发送「提交线索」。`;

/** The platform's media API as the fake serves it: two small files by media id. */
const MEDIA: Record<string, DownloadedMedia> = {
  'MEDIA-1': { bytes: Buffer.from('\x89PNG\r\n\x1a\n fake image bytes'), contentType: 'image/png' },
  'MEDIA-2': { bytes: Buffer.from('%PDF-1.4 fake'), contentType: 'application/octet-stream', filename: '转账记录.pdf' },
  'MEDIA-EXE': { bytes: Buffer.from('MZ fake'), contentType: 'application/x-msdownload', filename: 'a.exe' },
  'MEDIA-BIG': { bytes: Buffer.alloc(11 * 1024 * 1024, 1), contentType: 'image/jpeg' },
};
const downloadMedia: DownloadMedia = async ({ mediaId }, maxBytes) => {
  const media = MEDIA[mediaId ?? ''];
  if (!media) throw new MediaDownloadError('unavailable');
  if (media.bytes.length > maxBytes) throw new MediaDownloadError('too-large');
  return media;
};

function start() {
  const bot = startMemoryBot({ bots: [clueIntakeBot], people: EXAMPLE_ROSTER, answers: CONSOLE, downloadMedia });
  const say = async (userId: string, text: string, send?: Parameters<typeof bot.say>[2]) => (await bot.say(userId, text, send)).join('\n');
  const session = (userId: string) => bot.stores.sessions.records.get(`console:${userId}`);
  /** The replies with their buttons. */
  const replies = async (userId: string, text: string) => {
    const answer = await bot.channel.send(userId, text);
    return answer.kind === 'passive' ? answer.replies : [];
  };
  return { ...bot, say, session, replies };
}

describe('提交线索, step by step', () => {
  it('asks the five steps, re-asks a bad answer, stores the clue on 确认 and ends the session', async () => {
    const bot = start();
    const first = await bot.say('sfj-officer', '提交线索');
    expect(first).toContain('第1步（共5步）');
    expect(first).toContain('随时发送「取消」退出。');
    expect(await bot.say('sfj-officer', '某企业向河道偷排废水')).toContain('第2步');
    expect(await bot.say('sfj-officer', '某化工企业')).toContain('第3步');
    expect(await bot.say('sfj-officer', '2026年11月，城东河段')).toContain('第4步');
    expect(await bot.say('sfj-officer', '现场照片和群众录音')).toContain('第5步');
    expect(await bot.say('sfj-officer', '也许')).toBe(`请回复「是」或「否」。${WIZARD_PROMPTS.anonymous}`);
    expect(JSON.stringify(bot.session('sfj-officer'))).not.toContain('城东河段');

    const summary = await bot.say('sfj-officer', '否');
    for (const line of [
      '事实经过：某企业向河道偷排废水',
      '涉及单位或人员：某化工企业',
      '时间地点：2026年11月，城东河段',
      '证据：现场照片和群众录音',
      '对接收机关匿名：否',
    ]) {
      expect(summary).toContain(line);
    }
    expect(summary).toContain('拟移送：县人民检察院（类别：生态环境和资源保护）');

    const done = await bot.say('sfj-officer', '确认');
    expect(done).toContain('线索已提交，编号 XS-2026-0001，已移送县人民检察院');
    expect(bot.stores.clues.records).toMatchObject([{ number: 'XS-2026-0001', route: 'jcy', anonymous: false, status: 'submitted' }]);
    expect(bot.session('sfj-officer')).toBeUndefined();
    expect(bot.outboxKeys()).toEqual(['clue:XS-2026-0001:routed:0:console:jcy-officer', 'clue:XS-2026-0001:routed:0:console:jcy-organizer']);
  });

  it('re-asks a step answered with something it cannot take', async () => {
    const bot = start();
    await bot.say('jw-officer', '提交线索');
    const tooLong = await bot.say('jw-officer', '事'.repeat(2001));
    expect(tooLong).toContain('内容过长（超过2000字）');
    expect(tooLong).toContain('第1步');
    expect(await bot.say('jw-officer', '', { kind: 'image', mediaId: 'MEDIA-X' })).toBe(WIZARD_TEXTS.textOnly);
    expect(await bot.say('jw-officer', BRIBERY)).toContain('第2步');
  });

  it('takes images and files as evidence and counts them in the summary', async () => {
    const bot = start();
    for (const answer of ['提交线索', BRIBERY, '无', '无']) await bot.say('jw-officer', answer);
    expect(await bot.say('jw-officer', '', { kind: 'image', mediaId: 'MEDIA-1' })).toContain('已收到附件「图片.png」（共1个）');
    expect(await bot.say('jw-officer', '', { kind: 'file', mediaId: 'MEDIA-2' })).toContain('已收到附件「转账记录.pdf」（共2个）');
    expect(await bot.say('jw-officer', '', { kind: 'file', mediaId: 'MEDIA-EXE' })).toBe(ATTACHMENT_TEXTS.badType);
    expect(await bot.say('jw-officer', '', { kind: 'image', mediaId: 'MEDIA-BIG' })).toBe(ATTACHMENT_TEXTS.tooLarge(10 * 1024 * 1024));
    expect(await bot.say('jw-officer', '', { kind: 'voice', mediaId: 'MEDIA-GONE' })).toBe(ATTACHMENT_TEXTS.unavailable);
    expect(bot.stores.clueAttachments.attachments.size).toBe(2);
    expect(await bot.say('jw-officer', '无')).toContain('第5步');
    const summary = await bot.say('jw-officer', '否');
    expect(summary).toContain('证据：未填写；附件2个（图片.png、转账记录.pdf）');
    expect(summary).toContain('拟移送：县纪委监委（类别：贪污贿赂）');
    expect(await bot.say('jw-officer', '确认')).toContain('XS-2026-0001');
    const stored = await bot.services.clues.lookup(EXAMPLE_ROSTER.find((p) => p.userId === 'jw-officer')!, 'XS-2026-0001', 'console');
    const refs = stored.level === 'details' ? stored.clue.attachments : [];
    expect(refs.map((r) => [r.kind, r.name, r.contentType])).toEqual([
      ['image', '图片.png', 'image/png'],
      ['file', '转账记录.pdf', 'application/pdf'],
    ]);
    expect((await bot.services.clues.attachments.open(refs[1]!))?.bytes).toEqual(MEDIA['MEDIA-2']!.bytes);
    // Neither the platform's media ids nor the bytes are kept in the clear.
    const kept = JSON.stringify([...bot.stores.clueAttachments.chunkRows.values(), ...bot.stores.clues.records, ...bot.stores.sessions.records.values()]);
    expect(kept).not.toContain('MEDIA-');
    expect(kept).not.toContain('fake image bytes');
    expect(kept).not.toContain(Buffer.from('%PDF-1.4 fake').toString('base64'));
  });

  it('ends on 取消 and stores nothing', async () => {
    const bot = start();
    await bot.say('jw-officer', '提交线索');
    await bot.say('jw-officer', BRIBERY);
    expect(await bot.say('jw-officer', '取消')).toBe(TEXTS.cancelled);
    expect(await bot.say('jw-officer', '确认')).toBe(TEXTS.notUnderstood);
    expect(bot.stores.clues.records).toHaveLength(0);
    expect(bot.outboxKeys()).toEqual([]);
  });
});

describe('the summary', () => {
  it('re-routes when 修改 changes the facts, and keeps the route when it changes 匿名', async () => {
    const bot = start();
    expect(await bot.say('jcy-officer', `提交线索：${POLLUTION}`)).toBe(ANONYMITY_QUESTION.text);
    expect(await bot.say('jcy-officer', '否')).toContain('拟移送：县人民检察院');
    expect(await bot.say('jcy-officer', '修改')).toBe(
      ['要修改哪一项？请回复序号：', '1. 事实经过', '2. 涉及单位或人员', '3. 时间地点', '4. 证据说明', '5. 是否匿名', '6. 接收机关', '7. 类别'].join('\n'),
    );
    expect(await bot.say('jcy-officer', '1')).toContain('第1步');
    const rerouted = await bot.say('jcy-officer', BRIBERY);
    expect(rerouted).toContain(`事实经过：${BRIBERY}`);
    expect(rerouted).toContain('拟移送：县纪委监委（类别：贪污贿赂）');

    await bot.say('jcy-officer', '修改');
    expect(await bot.say('jcy-officer', '是否匿名')).toContain('第5步');
    const anonymous = await bot.say('jcy-officer', '是');
    expect(anonymous).toContain('对接收机关匿名：是');
    expect(anonymous).toContain('拟移送：县纪委监委');
    expect(await bot.say('jcy-officer', '好的')).toBe(WIZARD_TEXTS.confirmHint);
    await bot.say('jcy-officer', '确认');
    expect(bot.stores.clues.records).toMatchObject([{ route: 'jw', anonymous: true, category: '贪污贿赂' }]);
  });

  it("asks for the route when the router is unsure (buttons, the most likely first), then the category from that route's list, and takes a name or a number", async () => {
    const bot = start();
    const [menu] = await bot.replies('jcy-officer', '提交线索：有群众反映情况，请处理 匿名');
    expect(menu?.text).toContain('无法确定该线索应移送哪个机关，请您选择：');
    const order = bot.services.clues.route({ facts: '有群众反映情况，请处理' }).ranking.map((r) => bot.services.config.routing.routes[r.route].label);
    for (const [i, label] of order.entries()) expect(menu?.text).toContain(`${i + 1}. ${label}`);
    expect(menu?.buttons).toEqual(order);
    const again = await bot.say('jcy-officer', '7');
    expect(again).toContain('没有识别出您选择的机关。');
    expect(again).toContain('请选择接收机关：');
    const [categories] = await bot.replies('jcy-officer', '司法局');
    expect(categories?.text).toContain('请选择该线索在县司法局的类别：');
    expect(categories?.buttons).toEqual(bot.services.clues.categoriesOf('sfj'));
    expect(await bot.say('jcy-officer', '其他')).toContain('没有识别出您选择的类别。');
    const summary = await bot.say('jcy-officer', '1');
    expect(summary).toContain(`拟移送：县司法局（类别：${bot.services.clues.categoriesOf('sfj')[0]}）`);
    expect(summary).toContain('对接收机关匿名：是');
    await bot.say('jcy-officer', '修改');
    await bot.say('jcy-officer', '接收机关');
    await bot.say('jcy-officer', String(order.indexOf('纪委监委') + 1));
    const jw = bot.services.clues.categoriesOf('jw')[1]!;
    expect(await bot.say('jcy-officer', jw)).toContain(`拟移送：县纪委监委（类别：${jw}）`);
  });

  it('asks 匿名 after a one-line 提交线索 with buttons, unless the line says it', async () => {
    const bot = start();
    const [asked] = await bot.replies('jw-officer', `提交线索：${BRIBERY}`);
    expect(asked).toEqual(ANONYMITY_QUESTION);
    expect(await bot.say('jw-officer', '是')).toContain('对接收机关匿名：是');
    await bot.say('jw-officer', '取消');
    expect(await bot.say('jw-officer', `提交线索：${BRIBERY}，实名`)).toContain('对接收机关匿名：否');
  });

  it('does not store a clue about a higher-level official and says where to report it', async () => {
    const bot = start();
    const reply = await bot.say('jcy-officer', '提交线索：市政府某副市长收受开发商贿赂');
    expect(reply).toContain('上级纪检监察机关');
    expect(reply).toContain('本次线索未保存。');
    expect(bot.session('jcy-officer')).toBeUndefined();
    expect(bot.stores.clues.records).toHaveLength(0);
  });

  it('stores one clue when 确认 arrives twice at once', async () => {
    const bot = start();
    await bot.say('jw-officer', `提交线索：匿名 ${POLLUTION}`);
    const answers = await Promise.all([bot.say('jw-officer', '确认'), bot.say('jw-officer', '确认')]);
    expect(answers.filter((answer) => answer.includes('编号 XS-2026-0001'))).not.toHaveLength(0);
    expect(bot.stores.clues.records).toHaveLength(1);
    expect(await bot.services.clues.audit.entries('XS-2026-0001')).toHaveLength(1);
  });
});

describe('a draft waiting for 确认', () => {
  it('asks 继续原草稿 / 放弃并新建 before a second 提交线索 discards it, and continues where it stood', async () => {
    const bot = start();
    await bot.say('jw-officer', '提交线索');
    await bot.say('jw-officer', BRIBERY);
    const [asked] = await bot.replies('jw-officer', `提交线索：${POLLUTION}`);
    expect(asked?.text).toContain('您有一份尚未提交的草稿（事实经过：县建设局副局长张某在工程招投标中收受施工…）');
    expect(asked?.buttons).toEqual(['继续原草稿', '放弃并新建']);
    expect(JSON.stringify(bot.session('jw-officer'))).not.toContain('养殖场');
    expect(await bot.say('jw-officer', '好')).toContain('请选择「继续原草稿」或「放弃并新建」');
    expect(await bot.say('jw-officer', '继续原草稿')).toBe(`好的，继续原草稿。${WIZARD_PROMPTS.subject}`);
    for (const answer of ['县建设局', '无', '无']) await bot.say('jw-officer', answer);
    expect(await bot.say('jw-officer', '否')).toContain(`事实经过：${BRIBERY}`);
  });

  it('starts the new clue on 放弃并新建, and asks again at the summary', async () => {
    const bot = start();
    await bot.say('jw-officer', `提交线索：${BRIBERY}`);
    await bot.say('jw-officer', '否');
    expect(await bot.say('jw-officer', '提交线索')).toContain('要继续原草稿，还是放弃它并新建？');
    expect(await bot.say('jw-officer', `提交线索：${POLLUTION}`)).toContain('要继续原草稿');
    expect(await bot.say('jw-officer', '继续原草稿')).toContain(`事实经过：${BRIBERY}`);
    await bot.say('jw-officer', '提交线索');
    expect(await bot.say('jw-officer', '放弃并新建')).toContain(WIZARD_PROMPTS.facts);
    expect(bot.stores.clues.records).toHaveLength(0);
  });

  it('tells the officer when an idle draft expires, once, and ends it', async () => {
    const bot = start();
    await bot.say('jw-officer', '提交线索');
    await bot.say('jw-officer', BRIBERY);
    const job = sessionExpiryJob(new Sessions(bot.stores.sessions), bot.dispatcher, bot.services);
    await job.run(new Date(bot.clock.now().getTime() + 29 * 60_000));
    expect(bot.session('jw-officer')).toBeDefined();
    const expiry = new Date(bot.clock.now().getTime() + 31 * 60_000);
    await job.run(expiry);
    await job.run(expiry);
    expect(bot.session('jw-officer')).toBeUndefined();
    expect(bot.services.pushed('jw-officer')).toEqual(['您的线索草稿已超过30分钟没有继续，已失效。如需移送，请重新发送「提交线索」。']);
  });
});

describe('an outdated session', () => {
  const later = new Date('2026-11-26T03:00:00Z');
  const record = (data: unknown) => ({ channel: 'console', userId: 'jw-officer', bot: 'clue-intake', step: 'subject', data, expiresAt: later });

  it('ends a session written by an older version of the wizard politely', async () => {
    const bot = start();
    await bot.stores.sessions.write('console:jw-officer', record({ wizard: 'clue-intake', version: 1, editing: false, values: { facts: BRIBERY } }));
    expect(await bot.say('jw-officer', '某单位')).toBe(OUTDATED);
    expect(bot.session('jw-officer')).toBeUndefined();
    expect(await bot.say('jw-officer', '提交线索')).toContain('第1步');
  });

  it('ends a session of this version whose draft cannot be opened, or at a step it does not have', async () => {
    const bot = start();
    await bot.stores.sessions.write(
      'console:jw-officer',
      record({ wizard: 'clue-intake', version: 2, editing: false, values: { keyId: 'x', iv: 'x', tag: 'x', data: 'x' } }),
    );
    expect(await bot.say('jw-officer', '某单位')).toBe(OUTDATED);

    await bot.say('jw-officer', '提交线索');
    const current = bot.session('jw-officer')!;
    await bot.stores.sessions.write('console:jw-officer', { ...current, step: 'witnesses' });
    expect(await bot.say('jw-officer', '某单位')).toBe(OUTDATED);
    expect(bot.stores.clues.records).toHaveLength(0);
  });
});

describe('提交线索: routing explained and higher-level clues by rank', () => {
  const INSPECTION = '省委第三巡视组反馈指出，县林业局对辖区内非法占用林地建设厂房的问题长期不予查处';

  it('stores a county matter that mentions a higher organ, and answers 为什么 at the summary without leaving it', async () => {
    const bot = start();
    const summary = await bot.say('jcy-officer', `提交线索：${INSPECTION} 匿名`);
    expect(summary).toContain('拟移送：县人民检察院');
    expect(summary).toContain('发送「为什么」查看移送依据');
    const why = await bot.say('jcy-officer', '为什么');
    expect(why).toMatch(/判断依据：与已标注的线索比对，最可能属于县人民检察院（把握\d+%）；起决定作用的词语：「[^」]+」/);
    expect(why).toMatch(/类别：.+。/);
    expect(await bot.say('jcy-officer', '确认')).toContain('编号 XS-2026-0001');
    expect(bot.stores.clues.records).toMatchObject([{ route: 'jcy' }]);
  });

  it('names the rule when a duty offence decided it', async () => {
    const bot = start();
    await bot.say('jcy-officer', '提交线索：县建设局某科长收受红包，对违法排污企业不作为 匿名');
    expect(await bot.say('jcy-officer', '为什么')).toContain('线索反映公职人员职务违法、职务犯罪或违纪问题（「收受」），依规定移送县纪委监委。');
  });

  it('says the officer chose the route when the router asked', async () => {
    const bot = start();
    await bot.say('jcy-officer', '提交线索：有群众反映情况，请处理 匿名');
    await bot.say('jcy-officer', '司法局');
    await bot.say('jcy-officer', '1');
    const why = await bot.say('jcy-officer', '为什么');
    expect(why).toContain('系统无法确定');
    expect(why).toContain('接收机关县司法局由提交人选择或经转办确定。');
  });

  it('refuses a bribe taken by a 副县长 unsaved, with the advice to report to the city commission', async () => {
    const bot = start();
    const reply = await bot.say('jw-officer', '提交线索：副县长王某收受开发商贿赂三百万元');
    expect(reply).toContain('市纪委监委');
    expect(reply).toContain('本次线索未保存。');
    expect(bot.session('jw-officer')).toBeUndefined();
    expect(bot.stores.clues.records).toHaveLength(0);
  });

  it('asks the officer when unsure whether the rank is the subject: 否 goes on to the summary, 是 ends unsaved', async () => {
    const bot = start();
    const UNSURE = '副县长带队检查时发现某企业偷排废水，县环保局至今未查处';
    const question = await bot.say('jcy-officer', `提交线索：${UNSURE} 匿名`);
    expect(question).toContain('线索中提到「副县长」。该线索反映的是副县长本人的问题吗？');
    expect(await bot.say('jcy-officer', '也许')).toContain('请回复 1 或 2。');
    const next = await bot.say('jcy-officer', '2');
    expect(next).toMatch(/拟移送|请您选择/);

    const other = start();
    await other.say('jw-officer', `提交线索：${UNSURE}`);
    expect(await other.say('jw-officer', '1')).toContain('本次线索未保存。');
    expect(other.stores.clues.records).toHaveLength(0);
  });
});
