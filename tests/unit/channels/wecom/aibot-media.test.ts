import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptAibotMedia } from '../../../../src/channels/wecom/aibot-media';
import { MediaDownloadError } from '../../../../src/kernel/media';

/** As WeCom encrypts a file: key = aeskey, IV = its first 16 bytes, PKCS#7 to 32-byte blocks. */
function encrypt(plain: Buffer, key: Buffer, padding?: Buffer): Buffer {
  const pad = 32 - (plain.length % 32);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([plain, padding ?? Buffer.alloc(pad, pad)])), cipher.final()]);
}

describe('decryptAibotMedia', () => {
  const key = Buffer.alloc(32, 7);
  const aeskey = key.toString('base64');

  it('removes padding of up to 32 bytes', () => {
    for (const length of [0, 1, 15, 16, 31, 32, 33, 1000]) {
      const plain = randomBytes(length);
      expect(decryptAibotMedia(encrypt(plain, key), aeskey).equals(plain)).toBe(true);
    }
  });

  it('refuses a wrong key, broken padding or a truncated body as unavailable', () => {
    // Fixed bytes: a wrong key's garbage must not end in a valid padding by chance.
    const plain = Buffer.from('证据'.repeat(20)).subarray(0, 100);
    const unavailable = new MediaDownloadError('unavailable');
    expect(() => decryptAibotMedia(encrypt(plain, key), Buffer.alloc(32, 9).toString('base64'))).toThrow(unavailable);
    expect(() => decryptAibotMedia(encrypt(plain.subarray(0, 96), key, Buffer.alloc(32, 0x41)), aeskey)).toThrow(unavailable);
    expect(() => decryptAibotMedia(encrypt(plain, key).subarray(0, 40), aeskey)).toThrow(unavailable);
    expect(() => decryptAibotMedia(encrypt(plain, key), randomBytes(16).toString('base64'))).toThrow(unavailable);
  });
});
