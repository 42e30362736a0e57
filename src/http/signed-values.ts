import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Short-lived values the bot hands to a browser and takes back (the sign-in state, the session cookie): JSON, then
 * an HMAC-SHA256 over the purpose, the expiry and the JSON. A value signed for one purpose never opens as another,
 * and nothing opens after its expiry or with a changed byte.
 */
export class SignedValues {
  constructor(private readonly key: Buffer) {}

  seal(purpose: string, payload: Record<string, string>, expiresAt: Date): string {
    const body = Buffer.from(JSON.stringify({ ...payload, exp: expiresAt.getTime() })).toString('base64url');
    return `${body}.${this.mac(purpose, body)}`;
  }

  /** The payload of a value sealed for `purpose` and not expired at `now`; null otherwise, whatever the reason. */
  open(purpose: string, value: string | undefined, now: Date): Record<string, string> | null {
    if (!value || value.length > 2048) return null;
    const [body, mac, extra] = value.split('.');
    if (!body || !mac || extra !== undefined) return null;
    const expected = Buffer.from(this.mac(purpose, body));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { exp, ...payload } = parsed as Record<string, unknown>;
    if (typeof exp !== 'number' || exp <= now.getTime()) return null;
    if (!Object.values(payload).every((v) => typeof v === 'string')) return null;
    return payload as Record<string, string>;
  }

  private mac(purpose: string, body: string): string {
    return createHmac('sha256', this.key).update(`${purpose}.${body}`).digest('base64url');
  }
}
