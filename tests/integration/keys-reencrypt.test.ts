import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { agencyKeyFrom, keyIdOf } from '../../src/kernel/field-cipher';
import { ConsultationRequestModel } from '../../src/store/mongo/models/consultation-request';
import { CourtSupervisionCaseModel } from '../../src/store/mongo/models/court-supervision-case';
import { MeetingModel } from '../../src/store/mongo/models/meeting';
import { ClueModel } from '../../src/store/mongo/models/clue';
import { ConversationModel } from '../../src/store/mongo/models/conversation';
import { OutboxModel } from '../../src/store/mongo/models/outbox';
import { SessionModel } from '../../src/store/mongo/models/session';
import { runCli } from '../support/cli';
import { startTestBot, type TestBot } from '../support/test-bot';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
  delete process.env.CLUE_ENCRYPTION_KEY;
  delete process.env.CLUE_ENCRYPTION_OLD_KEYS;
  delete process.env.CLUE_ENCRYPTION_KEY_SFJ;
});

const text = (replies: string[]) => replies.join('\n');
const numberIn = (reply: string) => /XS-\d{4}-\d{4}/.exec(reply)?.[0] ?? '';

/** Every key id a stored clue carries. */
async function keyIdsInClues(model: { find: typeof ClueModel.find } = ClueModel): Promise<Set<string>> {
  const raw = JSON.stringify(await model.find({}).lean());
  return new Set([...raw.matchAll(/"keyId":"([0-9a-f]+)"/g)].map((m) => m[1]!));
}

describe('cli keys reencrypt', () => {
  it('seals every clue field again under the new key of its agency (the handlers under the county key), so the old keys can be dropped', async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const sfjKey = randomBytes(32);
    bot = await startTestBot({ env: { CLUE_ENCRYPTION_KEY: oldKey.toString('base64') } });
    expect(text(await bot.say('sfj-officer', '提交线索：县农业农村局对养殖场向河道排放污水长期不作为 实名'))).toContain('确认');
    const number = numberIn(text(await bot.say('sfj-officer', '确认')));
    await bot.say('jcy-organizer', `受理 ${number}`);
    await bot.say('sfj-officer', `补充 ${number} 另有村民录音`);
    expect(text(await bot.say('jcy-organizer', `转办 ${number} 司法局 1 属行政执法监督`))).toContain('已转办');
    // The clue's texts moved with the 转办 to sfj's key (derived from the county key); the handlers stay under the county key.
    expect(await keyIdsInClues()).toEqual(new Set([keyIdOf(oldKey), keyIdOf(agencyKeyFrom(oldKey, 'sfj'))]));
    // A register row (a consultation asked of sfj by jcy) is sealed under sfj's key.
    expect(text(await bot.say('jcy-officer', '协作请求 司法局 法律政策咨询 违法建筑强制拆除的程序要求'))).toMatch(/XZ-\d{4}-\d{4}/);
    expect(await keyIdsInClues(ConsultationRequestModel as never)).toEqual(new Set([keyIdOf(agencyKeyFrom(oldKey, 'sfj'))]));
    // The court's 案号 (jcy) and a meeting's topic and place (sfj) are sealed too, and re-sealed below.
    expect(text(await bot.say('jcy-officer', '登记非诉执行监督 不予执行 zhzf 2026-11-20 （2026）浙0421行审88号'))).toContain('FZ-2026-0001');
    expect(text(await bot.say('sfj-organizer', '安排专题会议 2026-12-20 15:00 县司法局三楼 河道污染整治 确认'))).toContain('HY-2026-0001');
    expect(await keyIdsInClues(CourtSupervisionCaseModel as never)).toEqual(new Set([keyIdOf(agencyKeyFrom(oldKey, 'jcy'))]));
    expect(await keyIdsInClues(MeetingModel as never)).toEqual(new Set([keyIdOf(agencyKeyFrom(oldKey, 'sfj'))]));
    // The exchanges about the clue are sealed under its agencies' keys, the others under the county key.
    const exchanges = await keyIdsInClues(ConversationModel as never);
    for (const id of [keyIdOf(oldKey), keyIdOf(agencyKeyFrom(oldKey, 'jcy')), keyIdOf(agencyKeyFrom(oldKey, 'sfj'))]) expect(exchanges).toContain(id);
    await bot.say('jcy-officer', '提交线索'); // a session left open, its draft not yet routed

    // The county key rotated, and sfj given a key of its own.
    process.env.CLUE_ENCRYPTION_KEY = newKey.toString('base64');
    process.env.CLUE_ENCRYPTION_OLD_KEYS = oldKey.toString('base64');
    process.env.CLUE_ENCRYPTION_KEY_SFJ = sfjKey.toString('base64');
    const first = await runCli(bot, ['keys', 'reencrypt']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('1 clues sealed again');
    expect(first.stdout).toContain('consultation 1');
    expect(await keyIdsInClues()).toEqual(new Set([keyIdOf(newKey), keyIdOf(sfjKey)]));
    expect(await keyIdsInClues(ConsultationRequestModel as never)).toEqual(new Set([keyIdOf(sfjKey)]));
    expect(await keyIdsInClues(CourtSupervisionCaseModel as never)).toEqual(new Set([keyIdOf(agencyKeyFrom(newKey, 'jcy'))]));
    expect(await keyIdsInClues(MeetingModel as never)).toEqual(new Set([keyIdOf(sfjKey)]));
    expect(first.stdout).toMatch(/conversations [1-9]/);
    const current = new Set([keyIdOf(newKey), keyIdOf(sfjKey), keyIdOf(agencyKeyFrom(newKey, 'jcy'))]);
    for (const model of [ConversationModel, OutboxModel, SessionModel]) {
      const ids = await keyIdsInClues(model as never);
      expect(ids.size, model.modelName).toBeGreaterThan(0);
      expect(
        [...ids].filter((id) => !current.has(id)),
        model.modelName,
      ).toEqual([]);
    }
    const second = await runCli(bot, ['keys', 'reencrypt']);
    expect(second.stdout).toContain('0 clues sealed again');
    expect(second.stdout).toContain('consultation 0');
    expect(second.stdout).toContain('conversations 0, outbox 0, sessions 0');

    // The old key dropped: the clue still opens, and is still the submitter's own.
    const { dbName } = bot;
    await bot.close();
    bot = await startTestBot({
      dbName,
      roster: null,
      env: { CLUE_ENCRYPTION_KEY: newKey.toString('base64'), CLUE_ENCRYPTION_KEY_SFJ: sfjKey.toString('base64') },
    });
    const view = text(await bot.say('sfj-organizer', `线索 ${number}`));
    expect(view).toContain('养殖场');
    expect(view).toContain('另有村民录音');
    expect(text(await bot.say('sfj-officer', '我的线索'))).toContain(number);
    expect(text(await bot.say('sfj-officer', '协作 XZ-2026-0001'))).toContain('违法建筑强制拆除');
    expect(text(await bot.say('jcy-officer', '非诉监督 FZ-2026-0001'))).toContain('（2026）浙0421行审88号');
    // The pushes about the clue still open (a row no key opens would be left out of the list).
    expect(JSON.stringify(await bot.outbox('jcy-organizer'))).toContain(number);
  }, 300_000);
});
