import { z } from 'zod';
import type { Clock } from '../../kernel/clock';
import type { InboundMessage } from '../../kernel/messages';

export class DingTalkMessageError extends Error {
  constructor(readonly reason: 'json' | 'shape') {
    super(reason === 'json' ? 'dingtalk callback body is not JSON' : 'dingtalk callback body has an unexpected shape');
    this.name = 'DingTalkMessageError';
  }
}

const webhookUrl = z
  .string()
  .max(2048)
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol));

const platformId = z.string().min(1).max(256);

/** The fields of a robot callback we rely on (PROTOCOLS.md §3); everything else is ignored. */
const callbackSchema = z.object({
  msgtype: z.string().max(64),
  msgId: platformId,
  senderStaffId: platformId,
  senderNick: z.string().max(256).optional(),
  conversationType: z.enum(['1', '2']),
  conversationId: platformId.optional(),
  sessionWebhook: webhookUrl,
  sessionWebhookExpiredTime: z.number().int().nonnegative(),
  text: z.object({ content: z.string().max(20_000) }).optional(),
  content: z.object({ downloadCode: platformId.optional(), fileName: z.string().max(512).optional() }).optional(),
  atUsers: z.array(z.object({ dingtalkId: z.string().optional(), staffId: z.string().optional() })).optional(),
});

export type DingTalkCallback = z.infer<typeof callbackSchema>;

/**
 * A decoded callback. `supported: false` means a kind of message the bots cannot read (voice, video, rich text …):
 * the channel answers politely and nothing is dispatched.
 */
export interface DecodedCallback {
  message: InboundMessage;
  supported: boolean;
  conversationType: 'single' | 'group';
}

/** Decodes a raw callback body; throws only DingTalkMessageError. */
export function decodeCallback(body: string, clock: Clock): DecodedCallback {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new DingTalkMessageError('json');
  }
  const parsed = callbackSchema.safeParse(json);
  if (!parsed.success) throw new DingTalkMessageError('shape');
  return toDecoded(parsed.data, clock);
}

/** Turns an already-parsed callback object (e.g. from stream mode) into the normalized message. */
export function decodeCallbackObject(value: unknown, clock: Clock): DecodedCallback {
  const parsed = callbackSchema.safeParse(value);
  if (!parsed.success) throw new DingTalkMessageError('shape');
  return toDecoded(parsed.data, clock);
}

function toDecoded(callback: DingTalkCallback, clock: Clock): DecodedCallback {
  const base = {
    channel: 'dingtalk' as const,
    platformMessageId: callback.msgId,
    userId: callback.senderStaffId,
    receivedAt: clock.now(),
    replyHandle: { webhook: callback.sessionWebhook, expiresAt: callback.sessionWebhookExpiredTime },
    // A group without an id is still a group: what is said there is read by all of it.
    ...(callback.conversationType === '2' && { group: callback.conversationId ?? 'unknown' }),
  };
  const conversationType = callback.conversationType === '1' ? 'single' : 'group';
  const downloadCode = callback.content?.downloadCode;
  if (callback.msgtype === 'text' && callback.text) {
    return { conversationType, supported: true, message: { ...base, kind: 'text', text: stripMention(callback.text.content) } };
  }
  if (callback.msgtype === 'picture' && downloadCode) {
    return { conversationType, supported: true, message: { ...base, kind: 'image', text: '', mediaId: downloadCode } };
  }
  if (callback.msgtype === 'file' && downloadCode) {
    return { conversationType, supported: true, message: { ...base, kind: 'file', text: '', mediaId: downloadCode } };
  }
  if (callback.msgtype === 'audio' && downloadCode) {
    return { conversationType, supported: true, message: { ...base, kind: 'voice', text: '', mediaId: downloadCode } };
  }
  return { conversationType, supported: false, message: { ...base, kind: 'text', text: '' } };
}

/**
 * An HTTP callback's sign covers only its timestamp, never the body: a captured timestamp/sign replayed with a forged
 * body could name any sessionWebhook, even one of another conversation on DingTalk's own host. So nothing the body
 * names is ever posted to: a one-to-one message is answered through the robot API to the sender's own chat with
 * the bot (oToMessages/batchSend to senderStaffId), a group message through the robot API to the group
 * (groupMessages/send, which DingTalk accepts only for groups the robot is a member of; what a group reads is limited
 * by config/groups.yaml).
 */
export function bindToCallback(decoded: DecodedCallback): DecodedCallback {
  const { replyHandle, group, ...rest } = decoded.message;
  const bound = group !== undefined && group !== 'unknown' && replyHandle ? { conversation: group, expiresAt: replyHandle.expiresAt } : undefined;
  return { ...decoded, message: { ...rest, ...(group !== undefined && { group }), ...(bound && { replyHandle: bound }) } };
}

/** In a group the text starts with "@机器人" (often followed by U+2005); the bots want the command alone. */
export function stripMention(content: string): string {
  return content.replace(/^\s*(?:@\S+(?:\s+|$))*/u, '').trim();
}
