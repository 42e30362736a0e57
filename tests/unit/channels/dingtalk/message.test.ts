import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FixedClock } from '../../../../src/kernel/clock';
import { DingTalkMessageError, decodeCallback, decodeCallbackObject, stripMention } from '../../../../src/channels/dingtalk/message';
import { callbackBody } from '../../../support/dingtalk-client';

const clock = new FixedClock(new Date('2026-03-02T01:00:00Z'));
const WEBHOOK = 'https://oapi.dingtalk.com/robot/sendBySession?session=abc';
const EXPIRES = 1_772_420_000_000;

function body(overrides: Partial<Parameters<typeof callbackBody>[0]> = {}): Record<string, unknown> {
  return callbackBody({ senderStaffId: 'staff01', text: '帮助', sessionWebhook: WEBHOOK, sessionWebhookExpiredTime: EXPIRES, ...overrides });
}

function reasonOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(DingTalkMessageError);
    return (error as DingTalkMessageError).reason;
  }
}

describe('DingTalk callback decoding', () => {
  it('turns a one-to-one text callback into the normalized inbound message', () => {
    const decoded = decodeCallback(JSON.stringify(body({ msgId: 'msgABC' })), clock);
    expect(decoded).toEqual({
      supported: true,
      conversationType: 'single',
      message: {
        channel: 'dingtalk',
        platformMessageId: 'msgABC',
        userId: 'staff01',
        kind: 'text',
        text: '帮助',
        receivedAt: clock.now(),
        replyHandle: { webhook: WEBHOOK, expiresAt: EXPIRES },
      },
    });
  });

  it('strips the leading @mention of a group message', () => {
    const decoded = decodeCallback(JSON.stringify(body({ conversationType: '2', text: '@监督协作助手\u2005 帮助 ' })), clock);
    expect(decoded.conversationType).toBe('group');
    expect(decoded.message.text).toBe('帮助');
    expect(stripMention(' 提交线索：某局 @张三 的问题')).toBe('提交线索：某局 @张三 的问题');
    expect(stripMention('@机器人')).toBe('');
  });

  it('keeps pictures and files by their download code', () => {
    const picture = body({ msgtype: 'picture', extra: { content: { downloadCode: 'dl-1', pictureDownloadCode: 'x' } } });
    expect(decodeCallback(JSON.stringify(picture), clock).message).toMatchObject({ kind: 'image', mediaId: 'dl-1', text: '' });
    const file = body({ msgtype: 'file', extra: { content: { downloadCode: 'dl-2', fileName: '证据.pdf' } } });
    expect(decodeCallback(JSON.stringify(file), clock).message).toMatchObject({ kind: 'file', mediaId: 'dl-2' });
    const audio = body({ msgtype: 'audio', extra: { content: { duration: 3, downloadCode: 'dl-3' } } });
    expect(decodeCallback(JSON.stringify(audio), clock).message).toMatchObject({ kind: 'voice', mediaId: 'dl-3' });
  });

  it('marks a message kind the bots cannot read as unsupported, keeping its id and reply handle', () => {
    const video = body({ msgtype: 'video', extra: { content: { duration: 3, downloadCode: 'dl-4', videoType: 'mp4' } } });
    const decoded = decodeCallback(JSON.stringify(video), clock);
    expect(decoded.supported).toBe(false);
    expect(decoded.message.platformMessageId).toBe(video.msgId);
    expect(decoded.message.replyHandle?.webhook).toBe(WEBHOOK);
  });

  it('refuses bodies that are not JSON or miss what the bot needs', () => {
    expect(reasonOf(() => decodeCallback('{"msgtype":', clock))).toBe('json');
    expect(reasonOf(() => decodeCallback('', clock))).toBe('json');
    expect(reasonOf(() => decodeCallback('null', clock))).toBe('shape');
    const { senderStaffId: _omit, ...noSender } = body();
    expect(reasonOf(() => decodeCallback(JSON.stringify(noSender), clock))).toBe('shape');
    expect(reasonOf(() => decodeCallback(JSON.stringify(body({ sessionWebhook: 'javascript:alert(1)' })), clock))).toBe('shape');
    expect(reasonOf(() => decodeCallback(JSON.stringify({ ...body(), msgId: { $ne: null } }), clock))).toBe('shape');
  });

  it('ignores __proto__ and constructor keys', () => {
    const raw = JSON.stringify(body()).replace(/^\{/, '{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}},');
    const decoded = decodeCallback(raw, clock);
    expect(decoded.message.text).toBe('帮助');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('throws nothing but DingTalkMessageError for any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (raw) => void reasonOf(() => decodeCallback(raw, clock))));
  });

  it('throws nothing but DingTalkMessageError for any JSON value, including near-valid callbacks', () => {
    const nearValid = fc.record(
      {
        msgtype: fc.oneof(fc.constantFrom('text', 'picture', 'file', 'audio'), fc.string()),
        msgId: fc.oneof(fc.string(), fc.integer()),
        senderStaffId: fc.oneof(fc.string(), fc.constant(null)),
        conversationType: fc.oneof(fc.constantFrom('1', '2'), fc.string()),
        sessionWebhook: fc.oneof(fc.constant(WEBHOOK), fc.webUrl(), fc.string()),
        sessionWebhookExpiredTime: fc.oneof(fc.integer(), fc.double(), fc.string()),
        text: fc.oneof(fc.record({ content: fc.string() }), fc.jsonValue()),
        content: fc.jsonValue(),
        atUsers: fc.jsonValue(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), nearValid), (value) => {
        void reasonOf(() => decodeCallback(JSON.stringify(value) ?? '', clock));
        void reasonOf(() => decodeCallbackObject(value, clock));
      }),
      { numRuns: 500 },
    );
  });
});
