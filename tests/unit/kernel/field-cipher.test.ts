import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClueDecryptError, ClueKeyError, FieldCipher, Keyring, keyIdOf, keyringFromEnv } from '../../../src/kernel/field-cipher';

const keyA = randomBytes(32);
const keyB = randomBytes(32);
const cipher = new FieldCipher(new Keyring(keyA));

function flipFirstByte(base64: string): string {
  const bytes = Buffer.from(base64, 'base64');
  bytes[0] = bytes[0]! ^ 0x01;
  return bytes.toString('base64');
}

describe('clue field encryption', () => {
  it('round-trips any text, and never stores it readable', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const sealed = cipher.encrypt(text, 'facts');
        expect(cipher.decrypt(sealed, 'facts')).toBe(text);
        if (text.length >= 4) expect(JSON.stringify(sealed)).not.toContain(text);
      }),
    );
  });

  it('uses a fresh IV each time', () => {
    const one = cipher.encrypt('县建设局副局长收受贿赂', 'facts');
    const two = cipher.encrypt('县建设局副局长收受贿赂', 'facts');
    expect(one.iv).not.toBe(two.iv);
    expect(one.data).not.toBe(two.data);
  });

  it.each(['data', 'tag', 'iv'] as const)('detects a change to the %s', (part) => {
    const sealed = cipher.encrypt('县建设局副局长收受贿赂', 'facts');
    expect(() => cipher.decrypt({ ...sealed, [part]: flipFirstByte(sealed[part]) }, 'facts')).toThrow(ClueDecryptError);
  });

  it('refuses a truncated tag', () => {
    const sealed = cipher.encrypt('线索内容', 'facts');
    const short = Buffer.from(sealed.tag, 'base64').subarray(0, 8).toString('base64');
    expect(() => cipher.decrypt({ ...sealed, tag: short }, 'facts')).toThrow(ClueDecryptError);
  });

  it('does not open a ciphertext moved to another field', () => {
    const sealed = cipher.encrypt('张三', 'reporterName');
    expect(() => cipher.decrypt(sealed, 'facts')).toThrow(ClueDecryptError);
  });

  it('keeps plaintext out of its error messages', () => {
    const sealed = cipher.encrypt('县建设局副局长收受贿赂', 'facts');
    try {
      cipher.decrypt({ ...sealed, data: flipFirstByte(sealed.data) }, 'facts');
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).not.toContain('贿赂');
    }
  });
});

describe('key rotation', () => {
  it('stores the key id with each ciphertext, opens old data with a retired key and seals new data with the active one', () => {
    const before = new FieldCipher(new Keyring(keyA));
    const old = before.encrypt('旧线索', 'facts');
    expect(old.keyId).toBe(keyIdOf(keyA));

    const after = new FieldCipher(new Keyring(keyB, [keyA]));
    expect(after.decrypt(old, 'facts')).toBe('旧线索');
    expect(after.isStale(old)).toBe(true);
    const fresh = after.encrypt('新线索', 'facts');
    expect(fresh.keyId).toBe(keyIdOf(keyB));
    expect(after.isStale(fresh)).toBe(false);
  });

  it('refuses data sealed with a key it no longer holds', () => {
    const old = new FieldCipher(new Keyring(keyA)).encrypt('旧线索', 'facts');
    expect(() => new FieldCipher(new Keyring(keyB)).decrypt(old, 'facts')).toThrow(ClueDecryptError);
  });
});

describe('keys from the environment', () => {
  const a = keyA.toString('base64');
  const b = keyB.toString('base64');

  it('reads the active key and the retired ones', () => {
    const { keyring, developmentKey } = keyringFromEnv({ CLUE_ENCRYPTION_KEY: b, CLUE_ENCRYPTION_OLD_KEYS: ` ${a} ,` });
    expect(developmentKey).toBe(false);
    expect(keyring.activeKeyId).toBe(keyIdOf(keyB));
    expect(keyring.key(keyIdOf(keyA))).toEqual(keyA);
  });

  it('refuses a missing key in production', () => {
    expect(() => keyringFromEnv({ NODE_ENV: 'production' })).toThrow(ClueKeyError);
  });

  it('falls back to the development key elsewhere and says so', () => {
    expect(keyringFromEnv({ NODE_ENV: 'development' }).developmentKey).toBe(true);
  });

  it.each([
    ['too short', randomBytes(16).toString('base64')],
    ['too long', randomBytes(33).toString('base64')],
    ['not base64', '!'.repeat(44)],
    ['hex instead of base64', randomBytes(32).toString('hex')],
  ])('refuses a malformed key (%s) without echoing it', (_, value) => {
    for (const env of [{ CLUE_ENCRYPTION_KEY: value }, { CLUE_ENCRYPTION_KEY: b, CLUE_ENCRYPTION_OLD_KEYS: value }]) {
      try {
        keyringFromEnv({ NODE_ENV: 'production', ...env });
        expect.unreachable();
      } catch (err) {
        expect(err).toBeInstanceOf(ClueKeyError);
        expect((err as Error).message).not.toContain(value);
      }
    }
  });
});

describe('blind index', () => {
  it('is stable, differs per value, and is found again after a rotation', () => {
    const before = new FieldCipher(new Keyring(keyA));
    const tag = before.blindIndex('console:jcy-officer');
    expect(before.blindIndex('console:jcy-officer')).toBe(tag);
    expect(before.blindIndex('console:sfj-officer')).not.toBe(tag);
    expect(tag).not.toContain('jcy');
    const after = new FieldCipher(new Keyring(keyB, [keyA]));
    expect(after.blindIndexes('console:jcy-officer')).toContain(tag);
    expect(after.blindIndex('console:jcy-officer')).not.toBe(tag);
  });
});
