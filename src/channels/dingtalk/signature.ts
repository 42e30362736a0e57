import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../kernel/clock';

/** DingTalk refuses, and so do we, a timestamp more than one hour from now. */
export const MAX_TIMESTAMP_SKEW_MS = 60 * 60 * 1000;

export type SignatureFailure = 'missing' | 'malformed' | 'stale' | 'mismatch';

export class DingTalkSignatureError extends Error {
  constructor(readonly reason: SignatureFailure) {
    super(`dingtalk signature rejected: ${reason}`);
    this.name = 'DingTalkSignatureError';
  }
}

/** base64(HmacSHA256(key = secret, timestamp + "\n" + secret)): the same formula for callbacks and custom robots. */
export function computeSign(timestamp: string, secret: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
}

export interface SignedHeaders {
  timestamp?: string | string[];
  sign?: string | string[];
}

/** Checks the `timestamp` and `sign` headers of an HTTP-mode robot callback; throws DingTalkSignatureError. */
export function verifyCallbackSignature(headers: SignedHeaders, appSecret: string, clock: Clock): void {
  const timestamp = singleHeader(headers.timestamp);
  const sign = singleHeader(headers.sign);
  if (timestamp === undefined || sign === undefined) throw new DingTalkSignatureError('missing');
  if (!/^\d{1,16}$/.test(timestamp)) throw new DingTalkSignatureError('malformed');
  if (Math.abs(clock.now().getTime() - Number(timestamp)) > MAX_TIMESTAMP_SKEW_MS) {
    throw new DingTalkSignatureError('stale');
  }
  const expected = Buffer.from(computeSign(timestamp, appSecret), 'utf8');
  const given = Buffer.from(sign, 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new DingTalkSignatureError('mismatch');
  }
}

function singleHeader(value: string | string[] | undefined): string | undefined {
  if (Array.isArray(value)) return value.length === 1 ? value[0] : undefined;
  return value === '' ? undefined : value;
}

/** Adds the `timestamp` and `sign` query parameters a custom robot with 加签 security requires. */
export function signWebhookUrl(webhookUrl: string, secret: string, clock: Clock): string {
  const url = new URL(webhookUrl);
  const timestamp = String(clock.now().getTime());
  url.searchParams.set('timestamp', timestamp);
  url.searchParams.set('sign', computeSign(timestamp, secret));
  return url.toString();
}
