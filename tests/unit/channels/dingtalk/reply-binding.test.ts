import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FixedClock } from '../../../../src/kernel/clock';
import { bindToCallback, decodeCallbackObject } from '../../../../src/channels/dingtalk/message';
import { callbackBody } from '../../../support/dingtalk-client';

const clock = new FixedClock(new Date('2026-03-02T01:00:00Z'));

describe('bindToCallback (a DingTalk HTTP callback body never chooses where a reply goes)', () => {
  it('drops every sessionWebhook; a group message keeps only its group conversation for the robot API', () => {
    fc.assert(
      fc.property(
        fc.webUrl(),
        fc.constantFrom<'1' | '2'>('1', '2'),
        fc.stringMatching(/^[\w$:-]{1,40}$/),
        fc.stringMatching(/^cid[\w+/=-]{1,40}$/),
        (webhook, conversationType, sender, conversationId) => {
          const body = callbackBody({
            senderStaffId: sender,
            text: '帮助',
            conversationType,
            sessionWebhook: webhook,
            sessionWebhookExpiredTime: 1,
            extra: { conversationId },
          });
          const bound = bindToCallback(decodeCallbackObject(body, clock)).message;
          expect(JSON.stringify(bound)).not.toContain(webhook);
          expect(bound.replyHandle?.webhook).toBeUndefined();
          expect(bound.userId).toBe(sender);
          if (conversationType === '1') expect(bound.replyHandle).toBeUndefined();
          else expect(bound.replyHandle).toEqual({ conversation: conversationId, expiresAt: 1 });
        },
      ),
    );
  });
});
