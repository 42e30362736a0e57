import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FixedClock } from '../../../../src/kernel/clock';
import {
  DingTalkSignatureError,
  MAX_TIMESTAMP_SKEW_MS,
  computeSign,
  signWebhookUrl,
  verifyCallbackSignature,
} from '../../../../src/channels/dingtalk/signature';
import { dingtalkSign } from '../../../support/dingtalk-client';

const SECRET = 'this is secret';
const TIMESTAMP = 1603868410000;

function failureOf(run: () => void): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(DingTalkSignatureError);
    return (error as DingTalkSignatureError).reason;
  }
}

describe('DingTalk callback signature', () => {
  it('reproduces the example in PROTOCOLS.md §5', () => {
    expect(computeSign(String(TIMESTAMP), SECRET)).toBe('3E1RZgQrn1ZLgQGU4C4n4SMei+ObeZVym5BbqrwOJPs=');
  });

  it('accepts the example sign at its own time and up to one hour either side', () => {
    const headers = { timestamp: String(TIMESTAMP), sign: '3E1RZgQrn1ZLgQGU4C4n4SMei+ObeZVym5BbqrwOJPs=' };
    for (const offset of [0, MAX_TIMESTAMP_SKEW_MS, -MAX_TIMESTAMP_SKEW_MS]) {
      expect(failureOf(() => verifyCallbackSignature(headers, SECRET, new FixedClock(new Date(TIMESTAMP + offset))))).toBeUndefined();
    }
  });

  it('refuses a timestamp more than one hour away, even with a correct sign', () => {
    const headers = { timestamp: String(TIMESTAMP), sign: computeSign(String(TIMESTAMP), SECRET) };
    for (const offset of [MAX_TIMESTAMP_SKEW_MS + 1, -MAX_TIMESTAMP_SKEW_MS - 1, 2 * MAX_TIMESTAMP_SKEW_MS]) {
      expect(failureOf(() => verifyCallbackSignature(headers, SECRET, new FixedClock(new Date(TIMESTAMP + offset))))).toBe('stale');
    }
  });

  it('refuses a wrong, missing or malformed sign', () => {
    const clock = new FixedClock(new Date(TIMESTAMP));
    const ts = String(TIMESTAMP);
    expect(failureOf(() => verifyCallbackSignature({ timestamp: ts, sign: computeSign(ts, 'other secret') }, SECRET, clock))).toBe('mismatch');
    expect(failureOf(() => verifyCallbackSignature({ timestamp: ts, sign: 'short' }, SECRET, clock))).toBe('mismatch');
    expect(failureOf(() => verifyCallbackSignature({ timestamp: ts }, SECRET, clock))).toBe('missing');
    expect(failureOf(() => verifyCallbackSignature({ sign: computeSign(ts, SECRET) }, SECRET, clock))).toBe('missing');
    expect(failureOf(() => verifyCallbackSignature({ timestamp: `${ts}.5`, sign: 'x' }, SECRET, clock))).toBe('malformed');
    expect(failureOf(() => verifyCallbackSignature({ timestamp: [ts, ts], sign: computeSign(ts, SECRET) }, SECRET, clock))).toBe('missing');
  });

  it('accepts exactly the sign of the independent test client, for any secret and timestamp', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.integer({ min: 0, max: 4_000_000_000_000 }), (secret, ms) => {
        const ts = String(ms);
        const clock = new FixedClock(new Date(ms));
        expect(failureOf(() => verifyCallbackSignature({ timestamp: ts, sign: dingtalkSign(ts, secret) }, secret, clock))).toBeUndefined();
      }),
    );
  });

  it('refuses any change to one character of a valid sign', () => {
    const ts = String(TIMESTAMP);
    const clock = new FixedClock(new Date(TIMESTAMP));
    const sign = computeSign(ts, SECRET);
    fc.assert(
      fc.property(fc.nat(sign.length - 1), fc.string({ minLength: 1, maxLength: 1 }), (index, char) => {
        fc.pre(sign[index] !== char);
        const forged = sign.slice(0, index) + char + sign.slice(index + 1);
        expect(failureOf(() => verifyCallbackSignature({ timestamp: ts, sign: forged }, SECRET, clock))).toBeDefined();
      }),
    );
  });

  it('throws nothing but DingTalkSignatureError for any header values', () => {
    const header = fc.option(fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 }), fc.stringMatching(/^\d{1,20}$/)), {
      nil: undefined,
    });
    fc.assert(
      fc.property(header, header, fc.string(), fc.date({ noInvalidDate: true }), (timestamp, sign, secret, now) => {
        failureOf(() => verifyCallbackSignature({ timestamp, sign }, secret, new FixedClock(now)));
      }),
    );
  });
});

describe('custom-robot webhook signing', () => {
  it('adds timestamp and a URL-encoded sign that the independent client verifies', () => {
    const clock = new FixedClock(new Date(TIMESTAMP));
    const signed = signWebhookUrl('https://oapi.dingtalk.com/robot/send?access_token=abc', 'SECabc+/=', clock);
    const url = new URL(signed);
    expect(url.searchParams.get('access_token')).toBe('abc');
    expect(url.searchParams.get('timestamp')).toBe(String(TIMESTAMP));
    expect(url.searchParams.get('sign')).toBe(dingtalkSign(String(TIMESTAMP), 'SECabc+/='));
    expect(signed).not.toMatch(/sign=[^&]*[+/=]/);
  });
});
