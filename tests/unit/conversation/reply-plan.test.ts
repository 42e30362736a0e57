import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PUSH, planReplies, planUnsupported, type ReplyTarget } from '../../../src/conversation/reply-plan';
import { TEXTS } from '../../../src/conversation/texts';
import type { AnswerPolicy } from '../../../src/kernel/inbound';
import type { OutgoingMessage } from '../../../src/kernel/messages';

const HANDLE = { webhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=s', expiresAt: 1 };
const TO: ReplyTarget = { channel: 'wecom', platformMessageId: 'msg:1', userId: 'zhaomin' };
const render = (message: OutgoingMessage) => [message.title && `【${message.title}】`, message.text].filter(Boolean).join('\n');
const textOnly = (maxBytes: number): AnswerPolicy => ({ kind: 'passive', budgetMs: 3000, textOnly: { maxBytes, render } });
const CONSOLE: AnswerPolicy = { kind: 'passive', budgetMs: null };
const CHART = { url: '/reports/charts/a.png' };

describe('planReplies', () => {
  it('pushes each reply as the row reply:<channel>:<sender>:<id>:<index>, with the reply handle', () => {
    const plan = planReplies({ ...TO, channel: 'dingtalk', replyHandle: HANDLE }, [{ text: 'a' }, { text: 'b', image: CHART }], PUSH);
    expect(plan.answer).toEqual({ kind: 'pushed' });
    expect(plan.rows).toEqual([
      { key: 'reply:dingtalk:zhaomin:msg:1:0', channel: 'dingtalk', userId: 'zhaomin', message: { text: 'a' }, replyHandle: HANDLE },
      { key: 'reply:dingtalk:zhaomin:msg:1:1', channel: 'dingtalk', userId: 'zhaomin', message: { text: 'b', image: CHART }, replyHandle: HANDLE },
    ]);
  });

  it('answers with every reply as it is when the channel takes any message passively', () => {
    const replies = [
      { text: 'a', buttons: ['确认'] },
      { text: '', file: { url: '/x.xlsx', name: 'x.xlsx' } },
    ];
    expect(planReplies(TO, replies, CONSOLE)).toEqual({ answer: { kind: 'passive', replies }, rows: [] });
  });

  it('renders a text-only passive answer as one text, the replies a blank line apart', () => {
    const plan = planReplies(TO, [{ title: '菜单', text: 'a' }, { text: 'b' }], textOnly(2048));
    expect(plan).toEqual({ answer: { kind: 'passive', replies: [{ text: '【菜单】\na\n\nb' }] }, rows: [] });
  });

  it('answers the first piece of a long text and pushes the rest as …:more:<n>, split at line breaks', () => {
    const plan = planReplies(TO, [{ text: '一一\n二二\n三三' }], textOnly(7));
    expect(plan.answer).toEqual({ kind: 'passive', replies: [{ text: '一一' }] });
    expect(plan.rows.map((row) => [row.key, row.message])).toEqual([
      ['reply:wecom:zhaomin:msg:1:more:0', { text: '二二' }],
      ['reply:wecom:zhaomin:msg:1:more:1', { text: '三三' }],
    ]);
  });

  it('sends the images and files of a text-only passive answer as …:<index>:media rows after all of the text', () => {
    const plan = planReplies(
      TO,
      [
        { text: '趋势图一二三', image: CHART },
        { text: '', file: { url: '/x.xlsx', name: 'x.xlsx' } },
      ],
      textOnly(12),
    );
    expect(plan.answer).toEqual({ kind: 'passive', replies: [{ text: '趋势图一' }] });
    expect(plan.rows.map((row) => [row.key, row.message])).toEqual([
      ['reply:wecom:zhaomin:msg:1:more:0', { text: '二三' }],
      ['reply:wecom:zhaomin:msg:1:0:media', { text: '', image: CHART }],
      ['reply:wecom:zhaomin:msg:1:1:media', { text: '', file: { url: '/x.xlsx', name: 'x.xlsx' } }],
    ]);
  });

  it('answers empty when a text-only passive answer holds media only', () => {
    const plan = planReplies(TO, [{ text: ' ', image: CHART }], textOnly(2048));
    expect(plan.answer).toEqual({ kind: 'passive', replies: [] });
    expect(plan.rows.map((row) => row.key)).toEqual(['reply:wecom:zhaomin:msg:1:0:media']);
  });
});

describe('planUnsupported', () => {
  it('answers passively when the channel can, writing nothing', () => {
    expect(planUnsupported({ channel: 'wecom', userId: 'zhaomin' }, textOnly(2048))).toEqual({
      answer: { kind: 'passive', replies: [{ text: TEXTS.unsupported }] },
      rows: [],
    });
  });

  it('pushes the row …:unsupported, with the reply handle, when it cannot', () => {
    const plan = planUnsupported({ channel: 'dingtalk', userId: 'u1', platformMessageId: 'm9', replyHandle: HANDLE }, PUSH);
    expect(plan).toEqual({
      answer: { kind: 'pushed' },
      rows: [{ key: 'reply:dingtalk:u1:m9:unsupported', channel: 'dingtalk', userId: 'u1', message: { text: TEXTS.unsupported }, replyHandle: HANDLE }],
    });
  });

  it('refuses to push an answer it could not key', () => {
    expect(() => planUnsupported({ channel: 'dingtalk', userId: 'u1' }, PUSH)).toThrow(/needs its id/);
  });
});

describe('planReplies properties', () => {
  const line = fc.string({ unit: fc.constantFrom('a', 'é', '一', '𠀀', ' '), maxLength: 40 });
  const reply: fc.Arbitrary<OutgoingMessage> = fc.record(
    {
      text: fc.array(line, { maxLength: 6 }).map((lines) => lines.join('\n')),
      title: fc.string({ minLength: 1, maxLength: 8 }),
      image: fc.constant(CHART),
    },
    { requiredKeys: ['text'] },
  );
  const replies = fc.array(reply, { maxLength: 6 });
  const maxBytes = fc.integer({ min: 8, max: 200 });

  it('a text-only passive plan keeps every piece within the limit and loses no byte of the text', () => {
    fc.assert(
      fc.property(replies, maxBytes, (given, max) => {
        const plan = planReplies(TO, given, textOnly(max));
        const passive = plan.answer.kind === 'passive' ? plan.answer.replies : [];
        const pieces = [...passive, ...plan.rows.filter((row) => row.key.includes(':more:')).map((row) => row.message)].map((m) => m.text);
        for (const piece of pieces) expect(Buffer.byteLength(piece)).toBeLessThanOrEqual(max);
        const rendered = given
          .map(({ image: _image, ...text }) => text)
          .filter((m) => m.text.trim() || m.title)
          .map(render)
          .join('\n\n');
        expect(pieces.join('').replace(/\n/g, '')).toBe(rendered.replace(/\n/g, ''));
      }),
    );
  });

  it('a text-only passive plan sends every image once, after all of the text', () => {
    fc.assert(
      fc.property(replies, maxBytes, (given, max) => {
        const { rows } = planReplies(TO, given, textOnly(max));
        const media = rows.filter((row) => row.key.endsWith(':media'));
        expect(media.map((row) => row.key)).toEqual(given.flatMap((r, i) => (r.image ? [`reply:wecom:zhaomin:msg:1:${i}:media`] : [])));
        expect(rows.slice(rows.length - media.length)).toEqual(media);
      }),
    );
  });

  it('every plan keys its rows uniquely, under the message', () => {
    const policy = fc.oneof(fc.constant(PUSH), fc.constant(CONSOLE), maxBytes.map(textOnly));
    fc.assert(
      fc.property(replies, policy, (given, how) => {
        const keys = planReplies(TO, given, how).rows.map((row) => row.key);
        expect(new Set(keys).size).toBe(keys.length);
        for (const key of keys) expect(key.startsWith('reply:wecom:zhaomin:msg:1:')).toBe(true);
      }),
    );
  });
});
