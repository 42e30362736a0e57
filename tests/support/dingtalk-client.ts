import { createHmac, randomUUID } from 'node:crypto';

/**
 * A test stand-in for DingTalk's side of a robot callback. Its signing code is written here on purpose,
 * independent of src/channels/dingtalk, so the server is checked against a second implementation.
 */

export function dingtalkSign(timestamp: string, secret: string): string {
  const mac = createHmac('sha256', Buffer.from(secret, 'utf8'));
  mac.update(Buffer.from(`${timestamp}\n${secret}`, 'utf8'));
  return mac.digest().toString('base64');
}

export interface CallbackFields {
  senderStaffId: string;
  text?: string;
  msgtype?: string;
  msgId?: string;
  conversationType?: '1' | '2';
  sessionWebhook: string;
  sessionWebhookExpiredTime: number;
  createAt?: number;
  extra?: Record<string, unknown>;
}

/** A callback body shaped like the documented samples (PROTOCOLS.md §3). */
export function callbackBody(fields: CallbackFields): Record<string, unknown> {
  const conversationType = fields.conversationType ?? '1';
  const msgtype = fields.msgtype ?? 'text';
  return {
    conversationId: `cid${fields.senderStaffId}`,
    chatbotCorpId: 'dingtestcorp',
    chatbotUserId: '$:LWCP_v1:$testbot',
    msgId: fields.msgId ?? `msg${randomUUID().replaceAll('-', '')}`,
    senderNick: '测试用户',
    isAdmin: false,
    senderStaffId: fields.senderStaffId,
    sessionWebhookExpiredTime: fields.sessionWebhookExpiredTime,
    createAt: fields.createAt ?? Date.now(),
    senderCorpId: 'dingtestcorp',
    conversationType,
    senderId: `$:LWCP_v1:$${fields.senderStaffId}`,
    sessionWebhook: fields.sessionWebhook,
    robotCode: 'dingtestrobot',
    msgtype,
    ...(msgtype === 'text' ? { text: { content: fields.text ?? '' } } : {}),
    ...(conversationType === '2' ? { conversationTitle: '联席会议群', isInAtList: true } : {}),
    ...fields.extra,
  };
}

export interface SignedPost {
  url: string;
  appSecret: string;
  body: string | Record<string, unknown>;
  /** Milliseconds since epoch put in the `timestamp` header; defaults to now. */
  timestamp?: number;
  /** Override the computed sign (to forge one). */
  sign?: string;
}

export async function postSignedCallback(post: SignedPost): Promise<Response> {
  const timestamp = String(post.timestamp ?? Date.now());
  return fetch(post.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      timestamp,
      sign: post.sign ?? dingtalkSign(timestamp, post.appSecret),
    },
    body: typeof post.body === 'string' ? post.body : JSON.stringify(post.body),
  });
}
