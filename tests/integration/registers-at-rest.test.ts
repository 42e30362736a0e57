import { readFileSync } from 'node:fs';
import mongoose from 'mongoose';
import { afterEach, describe, expect, it } from 'vitest';
import { isSealed } from '../../src/store/mongo/at-rest';
import { startTestBot, type TestBot } from '../support/test-bot';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const say = async (user: string, text: string) => (await bot!.say(user, text)).join('\n');
const numberIn = (pattern: RegExp, text: string) => pattern.exec(text)?.[0] ?? '';

/** One secret per register that carries personal or confidential text, each typed through the bot's own commands. */
const SECRET = {
  clue: '柏鹤年收受翠湖置业贿赂',
  clueSupplement: '另有紫藤村民录音',
  draft: '草稿里的黄杨码头偷排',
  documentReply: '已约谈青禾牧业负责人',
  documentDone: '已拆除鹭鸶湾违建',
  fileAccess: '核查银杏路征迁补偿',
  consultation: '樟树湾违建强拆程序',
  consultationAnswer: '应先行催告桂园业主',
  courtCase: '（2026）浙0421行审77号',
  courtConclusion: '裁定认定梧桐公司事实清楚',
  meetingPlace: '县司法局七楼密室',
  meetingTopic: '柏鹤年受贿案研判',
  accountabilityOfficer: '执法队员钱六一',
  accountabilityFacts: '对海棠路占道经营长期不查处',
  mediation: '个体户芦某对罚款决定不服',
  mediationNote: '撤销芍药街罚款后和解',
};

/** The names of the people in the roster: outside the roster they are sealed (reporters, handlers, audit actors, recorders). */
const NAMES = readFileSync('config/roster.example.csv', 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(',')[1]!)
  .filter((name) => name !== '系统管理员');

describe('every register at rest', () => {
  it('a secret typed into each register through the bot’s commands is in no collection in plaintext, nor a roster name outside the roster', async () => {
    bot = await startTestBot({ now: new Date('2026-12-03T02:00:00Z') });
    // Clues (the audit log records who viewed), a 补充, and a draft left open in a session.
    expect(await say('jcy-officer', `提交线索：县建设局副局长${SECRET.clue}二十万元 实名`)).toContain('确认');
    const clue = numberIn(/XS-\d{4}-\d{4}/, await say('jcy-officer', '确认'));
    expect(await say('jw-organizer', `线索 ${clue}`)).toContain(SECRET.clue);
    expect(await say('jw-organizer', `受理 ${clue}`)).toContain(clue);
    expect(await say('jcy-officer', `补充 ${clue} ${SECRET.clueSupplement}`)).toContain(clue);
    // Documents: the recipient's reply and the completion note.
    expect(await say('jcy-officer', '登记检察建议 嘉检建〔2026〕21号 nyncj 2026-11-20')).toContain('JY-2026-0001');
    expect(await say('nyncj-liaison', `回复 JY-2026-0001 ${SECRET.documentReply}`)).toContain('JY-2026-0001');
    expect(await say('sfj-officer', '登记监督通知书 嘉司监通〔2026〕5号 zhzf 2026-12-01')).toContain('TZ-2026-0001');
    expect(await say('zhzf-liaison', `整改完成 TZ-2026-0001 ${SECRET.documentDone}`)).toContain('TZ-2026-0001');
    // File access, consultations, court supervision, meetings.
    expect(await say('jcy-officer', `申请调阅 司法局 TZ-2026-0001 ${SECRET.fileAccess} 关联线索 XS-2026-0003`)).toContain('XS-2026-0003');
    expect(await say('jcy-officer', `协作请求 司法局 法律政策咨询 ${SECRET.consultation}`)).toContain('XZ-2026-0001');
    expect(await say('sfj-officer', `答复协作 XZ-2026-0001 ${SECRET.consultationAnswer}`)).toContain('已答复');
    expect(await say('jcy-officer', `登记非诉执行监督 不予执行 综合行政执法局 2026-11-20 ${SECRET.courtCase}`)).toContain('FZ-2026-0001');
    expect(await say('jcy-officer', `审结非诉监督 FZ-2026-0001 ${SECRET.courtConclusion}；不支持监督申请`)).toContain('已审结');
    expect(await say('sfj-organizer', `安排专题会议 2026-12-20 15:00 ${SECRET.meetingPlace} ${SECRET.meetingTopic} 确认`)).toContain('HY-2026-0001');
    // Accountability (a wizard), mediation, review outcomes (the recorder's name).
    expect(await say('sfj-officer', '立案追责')).toContain('被追责的执法单位');
    expect(await say('sfj-officer', '综合执法局')).toContain('责任人姓名');
    expect(await say('sfj-officer', SECRET.accountabilityOfficer)).toContain('案件来源');
    expect(await say('sfj-officer', '直接')).toContain('过错事实');
    await say('sfj-officer', SECRET.accountabilityFacts);
    expect(await say('sfj-officer', '确认')).toContain('ZR-2026-0001');
    expect(await say('sfj-officer', `登记调解 市场监管局 复议前 ${SECRET.mediation}`)).toContain('TJ-2026-0001');
    expect(await say('sfj-officer', `调解结果 TJ-2026-0001 调解成功 ${SECRET.mediationNote}`)).toContain('已办结');
    expect(await say('sfj-officer', '登记复议诉讼 复议 嘉政复〔2026〕12号 nyncj 2026-11-20 行政处罚 撤销 事实不清证据不足')).toContain('嘉政复〔2026〕12号');
    // A clue draft left open: the session keeps it.
    await say('jw-officer', '提交线索');
    await say('jw-officer', `县综合行政执法局对${SECRET.draft}不作为`);

    const db = mongoose.connection.db!;
    const names = (await db.listCollections().toArray()).map((c) => c.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'clues',
        'clue_audit',
        'deadline_documents',
        'file_access_requests',
        'consultation_requests',
        'court_supervision_cases',
        'accountability_cases',
        'mediation_cases',
        'review_outcomes',
        'meetings',
        'conversations',
        'outbox',
        'sessions',
      ]),
    );
    const leaks: string[] = [];
    for (const name of names.filter((n) => n !== 'roster')) {
      for (const doc of await db.collection(name).find().toArray()) {
        const text = JSON.stringify(doc);
        const found = [...Object.values(SECRET), ...NAMES].filter((secret) => text.includes(secret));
        if (found.length) leaks.push(`${name}: ${found.join(', ')}`);
      }
    }
    expect(leaks).toEqual([]);
    const access = await db.collection('file_access_requests').findOne({});
    expect(isSealed(access?.relatedCase), JSON.stringify(access)).toBe(true);
  });
});
