import { afterEach, describe, expect, it, vi } from 'vitest';
import { CLUE_NOT_AVAILABLE } from '../../src/domain/clues/access';
import { type EncryptedField, FieldCipher, keyIdOf } from '../../src/kernel/field-cipher';
import { atRestKeys } from '../../src/store/mongo/at-rest';
import { startTestBot, type TestBot } from '../support/test-bot';

let bot: TestBot | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await bot?.close();
  bot = undefined;
});

const say = async (user: string, text: string) => (await bot!.say(user, text)).join('\n');
const numberIn = (reply: string) => /XS-\d{4}-\d{4}/.exec(reply)?.[0] ?? '';

/** A jw clue submitted by sfj's officer, and a jcy clue submitted by sfj's officer. */
const JW_FACTS = '县建设局副局长柏鹤年在工程招投标中收受施工方贿赂二十万元';
const JCY_FACTS = '县农业农村局对养殖场向河道排放污水长期不作为';

async function submit(user: string, facts: string): Promise<string> {
  expect(await say(user, `提交线索：${facts} 实名`)).toContain('确认');
  const number = numberIn(await say(user, '确认'));
  expect(number).toMatch(/XS-2026-\d{4}/);
  return number;
}

/**
 * Every field FieldCipher opens or refuses while `fn` runs, by the key that sealed it. The bot's background work
 * (scheduler, outbox sender) is stopped first, so what is recorded is what the console requests opened.
 */
async function decryptsDuring(fn: () => Promise<void>): Promise<Array<{ keyId: string; context: string; outcome: 'opened' | string }>> {
  await bot!.scheduler.stop();
  await bot!.sender.stop();
  const seen: Array<{ keyId: string; context: string; outcome: string }> = [];
  const decrypt = FieldCipher.prototype.decrypt;
  const spy = vi.spyOn(FieldCipher.prototype, 'decrypt').mockImplementation(function (this: FieldCipher, field: EncryptedField, context: string) {
    try {
      const plain = decrypt.call(this, field, context);
      seen.push({ keyId: field.keyId, context, outcome: 'opened' });
      return plain;
    } catch (err) {
      seen.push({ keyId: field.keyId, context, outcome: (err as Error).name });
      throw err;
    }
  });
  await fn();
  spy.mockRestore();
  return seen;
}

/** What a jcy officer may send that reads (commands of every bot he may use, with the two clues' numbers). */
const readCommands = (jw: string, jcy: string) => [
  `线索 ${jw}`,
  `线索 ${jcy}`,
  `为什么 ${jw}`,
  `为什么 ${jcy}`,
  `附件 ${jw}`,
  `附件 ${jcy}`,
  '我的线索',
  '待办',
  '查询 柏鹤年',
  '查询 贿赂',
  '查询 养殖场',
  '问 今年各单位线索数',
  '概况',
  '逾期',
  '简报',
  '趋势',
  '文书',
  '会议',
  '巡查',
  '协作',
  '调阅',
  '调阅记录',
  '非诉监督',
  '调解',
  '追责',
  '年度指标',
  '帮助',
];

describe('a jcy officer’s path through /console holds jcy’s keyring and the county’s only', () => {
  it('every read command he sends opens nothing sealed under jw’s keys, answers as usual, and his agency’s clue still opens', async () => {
    bot = await startTestBot();
    const jw = await submit('sfj-officer', JW_FACTS);
    const jcy = await submit('sfj-officer', JCY_FACTS);
    const jwKeys = new Set(atRestKeys().ring('jw').allKeys().map(keyIdOf));
    const jcyKeys = new Set(atRestKeys().ring('jcy').allKeys().map(keyIdOf));

    const replies: Record<string, string> = {};
    const seen = await decryptsDuring(async () => {
      for (const command of readCommands(jw, jcy)) replies[command] = await say('jcy-officer', command);
    });

    const openedUnderJw = seen.filter((d) => jwKeys.has(d.keyId) && d.outcome === 'opened');
    expect(openedUnderJw, 'fields sealed under jw’s keys opened on the jcy officer’s path').toEqual([]);
    expect(Object.values(replies).join('\n')).not.toContain('施工方贿赂');
    expect(replies[`线索 ${jw}`]).toBe(CLUE_NOT_AVAILABLE);
    expect(replies[`为什么 ${jw}`]).toBe(CLUE_NOT_AVAILABLE);
    // His agency's clue opens: its facts and its reporter, under jcy's keys.
    expect(replies[`线索 ${jcy}`]).toContain(JCY_FACTS);
    expect(replies[`线索 ${jcy}`]).toContain('周洁');
    expect(replies['查询 养殖场']).toContain(jcy);
    expect(seen.some((d) => jcyKeys.has(d.keyId) && d.outcome === 'opened' && d.context === 'facts')).toBe(true);
    // Nothing answered with an error.
    for (const [command, reply] of Object.entries(replies)) expect(reply, command).not.toMatch(/出错|错误|稍后再试/);
  });

  it('where a rule let him reach a jw clue, the keyring scope refuses it and he is told it is not available', async () => {
    bot = await startTestBot();
    const jw = await submit('sfj-officer', JW_FACTS);
    const jwKeys = new Set(atRestKeys().ring('jw').allKeys().map(keyIdOf));
    // A wrong rule, injected: the clue service takes him for the submitter and reads with the receiving agency's cipher.
    const clues = bot.services.clues as unknown as Record<string, (...args: never[]) => unknown>;
    const sealer = clues.sealer!.bind(clues) as unknown as (route: string) => FieldCipher;
    clues.accessFacts = ((person: { channel: string; userId: string }, doc: { route: string; anonymous: boolean }) => ({
      route: doc.route,
      anonymous: doc.anonymous,
      submitterKey: `${person.channel}:${person.userId}`,
    })) as never;
    clues.asReader = ((_viewer: unknown, doc: { route: string }, read: (cipher: FieldCipher) => unknown) => read(sealer(doc.route))) as never;

    let reply = '';
    const seen = await decryptsDuring(async () => {
      reply = await say('jcy-officer', `线索 ${jw}`);
    });
    expect(seen.filter((d) => jwKeys.has(d.keyId) && d.outcome === 'opened')).toEqual([]);
    expect(seen.some((d) => jwKeys.has(d.keyId) && d.outcome === 'KeyringNotHeld')).toBe(true);
    expect(reply).toBe(CLUE_NOT_AVAILABLE);
    // The same path serving jw's organizer opens it.
    expect(await say('jw-organizer', `线索 ${jw}`)).toContain(JW_FACTS);
  });

  it('the submitter outside jw still reads his own jw clue: his path holds jw’s keyring for that clue alone', async () => {
    bot = await startTestBot();
    const own = await submit('jcy-officer', JW_FACTS);
    const other = await submit('sfj-officer', `另查明：${JW_FACTS.replace('柏鹤年', '钟离远')}`);
    expect(await say('jcy-officer', `线索 ${own}`)).toContain(JW_FACTS);
    expect(await say('jcy-officer', `为什么 ${own}`)).toContain(own);
    expect(await say('jcy-officer', `线索 ${other}`)).toBe(CLUE_NOT_AVAILABLE);
    expect(await say('jcy-officer', '查询 贿赂')).not.toContain('钟离远');
  });
});
