import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseClueCommand } from '../../../../src/domain/clues/commands';
import { formatClueNumber } from '../../../../src/domain/clues/numbers';

const clueNumber = fc.record({ year: fc.integer({ min: 1000, max: 9999 }), seq: fc.integer({ min: 1, max: 999_999_999 }) });
/** A word without spaces, as an agency name or code. */
const word = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter((s) => s.trim() === s && !/\s/u.test(s));
/** Free text that starts and ends with something other than a space. */
const freeText = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }).filter((s) => s.trim() === s && s.length > 0);

describe('clue commands', () => {
  it('starts the wizard on 提交线索 alone', () => {
    expect(parseClueCommand(' 提交线索 ')).toEqual({ kind: 'start-wizard' });
  });

  it.each(['提交线索：', '提交线索:', '提交线索： 　'])('asks for facts after an empty colon: %j', (text) => {
    expect(parseClueCommand(text)).toMatchObject({ kind: 'usage' });
  });

  it('takes facts after a full- or half-width colon, kept as typed', () => {
    fc.assert(
      fc.property(fc.constantFrom('：', ':', ' ：', ': ', '：\n'), freeText, (colon, facts) => {
        expect(parseClueCommand(`提交线索${colon}${facts}`)).toEqual({ kind: 'submit', facts });
      }),
    );
    expect(parseClueCommand('提交线索：县建设局副局长收受贿赂。\n有转账记录。')).toEqual({
      kind: 'submit',
      facts: '县建设局副局长收受贿赂。\n有转账记录。',
    });
  });

  it('does not take a longer word that starts with 提交线索', () => {
    expect(parseClueCommand('提交线索统计')).toBeNull();
  });

  it('parses 转办 with agency and a reason of several words', () => {
    fc.assert(
      fc.property(clueNumber, word, freeText, (n, agency, reason) => {
        const number = formatClueNumber(n);
        expect(parseClueCommand(`转办 ${number.toLowerCase()}  ${agency} ${reason}`)).toEqual({ kind: 'transfer', number, agency, reason });
      }),
    );
    expect(parseClueCommand('转办 XS-2026-0001 司法局 属于规范性文件 问题')).toEqual({
      kind: 'transfer',
      number: 'XS-2026-0001',
      agency: '司法局',
      reason: '属于规范性文件 问题',
    });
  });

  it('parses 受理, 办结 and 线索, with full-width spaces', () => {
    expect(parseClueCommand('受理　XS-2026-0003')).toEqual({ kind: 'accept', number: 'XS-2026-0003' });
    expect(parseClueCommand('办结 XS-2026-0003 已立案审查，给予党内警告处分')).toEqual({
      kind: 'conclude',
      number: 'XS-2026-0003',
      result: '已立案审查，给予党内警告处分',
    });
    expect(parseClueCommand('线索 XS-2026-0003')).toEqual({ kind: 'show', number: 'XS-2026-0003' });
    expect(parseClueCommand('线索XS-2026-0003')).toEqual({ kind: 'show', number: 'XS-2026-0003' });
    expect(parseClueCommand('为什么 XS-2026-0003')).toEqual({ kind: 'why', number: 'XS-2026-0003' });
    expect(parseClueCommand('为什么XS-2026-0003')).toEqual({ kind: 'why', number: 'XS-2026-0003' });
  });

  it.each([
    ['转办 XS-2026-0001 司法局', 'transfer'],
    ['转办 XS-2026-0001', 'transfer'],
    ['转办 2026-0001 司法局 理由', 'transfer'],
    ['受理', 'accept'],
    ['受理 12 赵敏', 'accept'],
    ['指派 XS-2026-0001', 'assign'],
    ['退回补充 XS-2026-0001', 'return'],
    ['协调 XS-2026-0001', 'decide'],
    ['办结 XS-2026-0001', 'conclude'],
    ['线索 12', 'show'],
    ['为什么 12', 'why'],
  ])('answers %j with its usage', (text) => {
    const parsed = parseClueCommand(text);
    expect(parsed).toMatchObject({ kind: 'usage' });
  });

  it('parses 受理 with an optional 承办人, 指派, 退回补充 and 协调', () => {
    expect(parseClueCommand('受理 XS-2026-0001 赵敏')).toEqual({ kind: 'accept', number: 'XS-2026-0001', assignee: '赵敏' });
    expect(parseClueCommand('受理 XS-2026-0001')).toEqual({ kind: 'accept', number: 'XS-2026-0001' });
    expect(parseClueCommand('指派 XS-2026-0001 钱程')).toEqual({ kind: 'assign', number: 'XS-2026-0001', assignee: '钱程' });
    expect(parseClueCommand('退回补充 XS-2026-0001 请补充 照片')).toEqual({ kind: 'return', number: 'XS-2026-0001', question: '请补充 照片' });
    expect(parseClueCommand('协调 XS-2026-0001 检察院')).toEqual({ kind: 'decide', number: 'XS-2026-0001', agency: '检察院' });
  });

  it('parses 补充 (content optional) and 撤回 (reason required), keeping the text as typed', () => {
    fc.assert(
      fc.property(clueNumber, freeText, (n, added) => {
        const number = formatClueNumber(n);
        expect(parseClueCommand(`补充 ${number} ${added}`)).toEqual({ kind: 'supplement', number, text: added });
        expect(parseClueCommand(`撤回 ${number}　${added}`)).toEqual({ kind: 'withdraw', number, reason: added });
      }),
    );
    expect(parseClueCommand('补充 XS-2026-0001')).toEqual({ kind: 'supplement', number: 'XS-2026-0001', text: '' });
    expect(parseClueCommand('撤回 XS-2026-0001')).toMatchObject({ kind: 'usage' });
    expect(parseClueCommand('补充材料')).toBeNull();
  });

  it('reads 匿名 / 实名 as a word of its own before or after the one-line facts, and nowhere else', () => {
    const facts = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
      .filter((s) => s.trim() === s && !/(匿名|实名)/u.test(s) && !/[\s,，。;；、(（)）.:：]$/u.test(s) && !/^[\s,，、:：;；。]/u.test(s));
    fc.assert(
      fc.property(facts, fc.constantFrom('匿名', '实名', '不匿名'), fc.constantFrom(' ', '，', '；'), (text, word, sep) => {
        const anonymous = word === '匿名';
        expect(parseClueCommand(`提交线索：${word}${sep}${text}`)).toEqual({ kind: 'submit', facts: text, anonymous });
        expect(parseClueCommand(`提交线索：${text}${sep}${word}`)).toEqual({ kind: 'submit', facts: text, anonymous });
      }),
    );
    expect(parseClueCommand('提交线索：县建设局收受贿赂（匿名）')).toEqual({ kind: 'submit', facts: '县建设局收受贿赂', anonymous: true });
    expect(parseClueCommand('提交线索：匿名举报人称县建设局收受贿赂')).toEqual({ kind: 'submit', facts: '匿名举报人称县建设局收受贿赂' });
  });

  it('lists', () => {
    expect(parseClueCommand('我的线索')).toEqual({ kind: 'mine' });
    expect(parseClueCommand('待办')).toEqual({ kind: 'pending' });
  });

  it.each(['帮助', '线索统计', '受理人是谁', '登记检察建议 JY-2026-0001', ''])('leaves %j to other bots', (text) => {
    expect(parseClueCommand(text)).toBeNull();
  });

  it('never throws on any input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.constantFrom('转办 ', '受理 ', '办结 ', '线索 ', '提交线索：').chain((v) => fc.string().map((s) => v + s)),
        ),
        (text) => {
          parseClueCommand(text);
        },
      ),
    );
  });
});
