import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sameSitePath } from '../../../src/http/sign-in';
import { SignedValues } from '../../../src/http/signed-values';

const NOW = new Date('2026-12-03T02:00:00Z');
const LATER = new Date(NOW.getTime() + 60_000);

describe('signed values (sign-in state and session)', () => {
  const values = new SignedValues(randomBytes(32));

  it('open for their purpose until they expire', () => {
    const sealed = values.seal('session', { c: 'wecom', u: 'wx-zhao' }, LATER);
    expect(values.open('session', sealed, NOW)).toEqual({ c: 'wecom', u: 'wx-zhao' });
    expect(values.open('session', sealed, LATER)).toBeNull();
    expect(values.open('pending', sealed, NOW)).toBeNull();
  });

  it('refuse any changed byte, another key, and malformed input', () => {
    const sealed = values.seal('session', { c: 'wecom', u: 'wx-zhao' }, LATER);
    const [body, mac] = sealed.split('.');
    const changed = Buffer.from(JSON.stringify({ c: 'wecom', u: 'wx-li', exp: LATER.getTime() })).toString('base64url');
    expect(values.open('session', `${changed}.${mac}`, NOW)).toBeNull();
    expect(values.open('session', `${body}.${mac!.slice(0, -1)}A`, NOW)).toBeNull();
    expect(new SignedValues(randomBytes(32)).open('session', sealed, NOW)).toBeNull();
    for (const bad of [undefined, '', 'x', 'a.b.c', `${body}.`, `.${mac}`, 'x'.repeat(3000)]) expect(values.open('session', bad, NOW)).toBeNull();
  });
});

describe('where a sign-in goes next', () => {
  it('is a path of this site only', () => {
    expect(sameSitePath('/file-access/abc?x=1')).toBe('/file-access/abc?x=1');
    for (const bad of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'file-access/abc', '/a\nb', 42, undefined, `/${'a'.repeat(600)}`]) {
      expect(sameSitePath(bad)).toBeNull();
    }
  });
});
