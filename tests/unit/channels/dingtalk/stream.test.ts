import { describe, expect, it, vi } from 'vitest';
import { FixedClock } from '../../../../src/kernel/clock';
import { createLogger } from '../../../../src/kernel/logger';
import type { DecodedCallback } from '../../../../src/channels/dingtalk/message';
import { streamFrameHandler } from '../../../../src/channels/dingtalk/stream';
import { callbackBody } from '../../../support/dingtalk-client';
import { robotFrame } from '../../../support/dingtalk-stream-frames';

const clock = new FixedClock(new Date('2026-03-02T01:00:00Z'));
const logger = createLogger('silent');

const body = callbackBody({
  senderStaffId: 'staff01',
  text: '帮助',
  msgId: 'msg-stream-1',
  sessionWebhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=s',
  sessionWebhookExpiredTime: clock.now().getTime() + 90 * 60_000,
});

/** The frame handler with its answers captured as the gateway would read them. */
function handler(accept: (decoded: DecodedCallback) => Promise<void>) {
  const sent: { code: number; headers: { messageId?: string; topic?: string }; data: string }[] = [];
  const onFrame = streamFrameHandler({ clock, logger, accept });
  const acked = () => sent.map((frame) => frame.headers.messageId);
  return { feed: (raw: string) => onFrame(raw, (frame) => sent.push(JSON.parse(frame))), sent, acked };
}

describe('DingTalk stream frames (the SDK frame shapes, no network)', () => {
  it('decodes a robot message, hands it over, then acks its messageId', async () => {
    const accepted: DecodedCallback[] = [];
    const { feed, acked, sent } = handler(async (d) => void accepted.push(d));
    expect(feed(robotFrame('frame-1', body))).toBe(true);
    await vi.waitFor(() => expect(acked()).toEqual(['frame-1']));
    expect(sent[0]).toMatchObject({ code: 200, headers: { messageId: 'frame-1' } });
    expect(JSON.parse(sent[0]!.data)).toEqual({ response: { status: 'SUCCESS' } });
    expect(accepted[0]!.message).toMatchObject({ channel: 'dingtalk', platformMessageId: 'msg-stream-1', userId: 'staff01', text: '帮助' });
  });

  it('does not ack a message it could not store, so DingTalk pushes it again', async () => {
    let attempts = 0;
    const { feed, acked } = handler(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('database down');
    });
    feed(robotFrame('frame-2', body));
    await vi.waitFor(() => expect(attempts).toBe(1));
    expect(acked()).toEqual([]);
    feed(robotFrame('frame-2', body));
    await vi.waitFor(() => expect(acked()).toEqual(['frame-2']));
  });

  it('acks and drops a frame whose data is unreadable, without handing it over', async () => {
    const accept = vi.fn(async () => {});
    const { feed, acked } = handler(accept);
    feed(robotFrame('frame-3', '{not json'));
    feed(robotFrame('frame-4', { msgtype: 'text' }));
    await vi.waitFor(() => expect(acked()).toHaveLength(2));
    expect(accept).not.toHaveBeenCalled();
  });

  it('answers the gateway ping with its own headers and data, and counts it as no message', () => {
    const { feed, sent } = handler(async () => {});
    const ping = { specVersion: '1.0', type: 'SYSTEM', headers: { topic: 'ping', messageId: 'p-1', contentType: 'application/json' }, data: '{"opaque":"x"}' };
    expect(feed(JSON.stringify(ping))).toBe(false);
    expect(sent).toEqual([{ code: 200, headers: ping.headers, message: 'OK', data: ping.data }]);
  });
});
