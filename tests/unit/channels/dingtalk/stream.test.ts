import { DWClient } from 'dingtalk-stream';
import { describe, expect, it, vi } from 'vitest';
import { FixedClock } from '../../../../src/kernel/clock';
import { createLogger } from '../../../../src/kernel/logger';
import type { DecodedCallback } from '../../../../src/channels/dingtalk/message';
import { startStream } from '../../../../src/channels/dingtalk/stream';
import { callbackBody } from '../../../support/dingtalk-client';
import { robotFrame } from '../../../support/dingtalk-stream-frames';

const clock = new FixedClock(new Date('2026-03-02T01:00:00Z'));
const logger = createLogger('silent');

/** The SDK's real client, minus the network: frames are fed to its own onDownStream. */
function offlineClient() {
  const client = new DWClient({ clientId: 'ding-test', clientSecret: 'secret' });
  vi.spyOn(client, 'connect').mockResolvedValue();
  vi.spyOn(client, 'disconnect').mockReturnValue();
  const acks = vi.spyOn(client, 'socketCallBackResponse').mockReturnValue();
  return { client, acks };
}

const body = callbackBody({
  senderStaffId: 'staff01',
  text: '帮助',
  msgId: 'msg-stream-1',
  sessionWebhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=s',
  sessionWebhookExpiredTime: clock.now().getTime() + 90 * 60_000,
});

describe('DingTalk stream mode handler (SDK message shape, no network)', () => {
  it('decodes a robot message, hands it over, then acks its messageId', async () => {
    const { client, acks } = offlineClient();
    const accepted: DecodedCallback[] = [];
    const connection = await startStream({ appKey: 'k', appSecret: 's', clock, logger, client, accept: async (d) => void accepted.push(d) });
    client.onDownStream(robotFrame('frame-1', body));
    await vi.waitFor(() => expect(acks).toHaveBeenCalledWith('frame-1', expect.anything()));
    expect(accepted).toHaveLength(1);
    expect(accepted[0]!.message).toMatchObject({ channel: 'dingtalk', platformMessageId: 'msg-stream-1', userId: 'staff01', text: '帮助' });
    connection.close();
    expect(client.disconnect).toHaveBeenCalled();
  });

  it('does not ack a message it could not store, so DingTalk pushes it again', async () => {
    const { client, acks } = offlineClient();
    let attempts = 0;
    await startStream({
      appKey: 'k',
      appSecret: 's',
      clock,
      logger,
      client,
      accept: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('database down');
      },
    });
    client.onDownStream(robotFrame('frame-2', body));
    await vi.waitFor(() => expect(attempts).toBe(1));
    expect(acks).not.toHaveBeenCalled();
    client.onDownStream(robotFrame('frame-2', body));
    await vi.waitFor(() => expect(acks).toHaveBeenCalledWith('frame-2', expect.anything()));
  });

  it('acks and drops a frame whose data is unreadable, without handing it over', async () => {
    const { client, acks } = offlineClient();
    const accept = vi.fn(async () => {});
    await startStream({ appKey: 'k', appSecret: 's', clock, logger, client, accept });
    client.onDownStream(robotFrame('frame-3', '{not json'));
    client.onDownStream(robotFrame('frame-4', { msgtype: 'text' }));
    await vi.waitFor(() => expect(acks).toHaveBeenCalledTimes(2));
    expect(accept).not.toHaveBeenCalled();
  });
});
