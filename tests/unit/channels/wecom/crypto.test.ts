import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  WecomCiphertextError,
  WecomCryptoError,
  WecomReceiveIdError,
  WecomSignatureError,
  isValidEncodingAesKey,
  openCiphertext,
  sealReply,
  verifySignature,
} from '../../../../src/channels/wecom/crypto';
import { decodeCallback, parseEnvelope } from '../../../../src/channels/wecom/xml';
import { OFFICIAL, decryptFrom, encryptFor, sign } from '../../../support/wecom-client';

// PROTOCOLS.md §4, V1 and V2.
const V1 = new URLSearchParams(
  'msg_signature=5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3&timestamp=1409659589&nonce=263014780&echostr=P9nAzCzyDtyTWESHep1vC5X9xho%2FqYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp%2B4RPcs8TgAE7OaBO%2BFZXvnaqQ%3D%3D',
);
const V2_QUERY = { signature: '477715d11cdb4164915debcba66cb864d751f3e6', timestamp: '1409659813', nonce: '1372623149' };
const V2_BODY =
  '<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>';

function v1Signed() {
  return {
    signature: V1.get('msg_signature') ?? '',
    timestamp: V1.get('timestamp') ?? '',
    nonce: V1.get('nonce') ?? '',
    encrypt: V1.get('echostr') ?? '',
  };
}

function v2Signed() {
  return { ...V2_QUERY, encrypt: parseEnvelope(V2_BODY).encrypt };
}

describe('official vectors', () => {
  it('V1: URL verification signature recomputes and echostr decrypts to its plaintext', () => {
    expect(() => verifySignature(OFFICIAL.token, v1Signed())).not.toThrow();
    expect(openCiphertext(OFFICIAL, v1Signed())).toBe('1616140317555161061');
  });

  it('V2: message signature verifies and the 30-byte-padded ciphertext decrypts to the text message', () => {
    const plaintext = openCiphertext(OFFICIAL, v2Signed());
    const decoded = decodeCallback(plaintext, new Date('2014-09-02T12:00:00Z'));
    expect(decoded).toEqual({
      kind: 'inbound',
      message: {
        channel: 'wecom',
        platformMessageId: 'msg:4561255354251345929',
        userId: 'mycreate',
        kind: 'text',
        text: 'hello',
        receivedAt: new Date('2014-09-02T12:00:00Z'),
      },
    });
    expect(plaintext.split('\n').length).toBeGreaterThan(1);
  });

  it('V2 envelope names the corp and agent', () => {
    expect(parseEnvelope(V2_BODY)).toMatchObject({ toUserName: 'wx5823bf96d3bd56c7', agentId: '218' });
  });

  it('the independent test client decrypts the official vectors too', () => {
    expect(decryptFrom(OFFICIAL, v1Signed().encrypt)).toEqual({ message: '1616140317555161061', receiveId: OFFICIAL.corpId });
    expect(sign(OFFICIAL.token, V2_QUERY.timestamp, V2_QUERY.nonce, v2Signed().encrypt)).toBe(V2_QUERY.signature);
  });
});

describe('refusals', () => {
  it('a changed signature, timestamp or ciphertext is a signature error', () => {
    expect(() => openCiphertext(OFFICIAL, { ...v1Signed(), signature: '0'.repeat(40) })).toThrow(WecomSignatureError);
    expect(() => openCiphertext(OFFICIAL, { ...v1Signed(), timestamp: '1409659590' })).toThrow(WecomSignatureError);
    expect(() => openCiphertext(OFFICIAL, { ...v1Signed(), signature: '' })).toThrow(WecomSignatureError);
  });

  it('a message sealed for another corp is a receive-id error', () => {
    const encrypt = encryptFor(OFFICIAL, '<xml/>', 'ww-other-corp');
    const signed = { timestamp: '1', nonce: 'n', encrypt, signature: sign(OFFICIAL.token, '1', 'n', encrypt) };
    expect(() => openCiphertext(OFFICIAL, signed)).toThrow(WecomReceiveIdError);
  });

  it('a correctly signed but undecryptable ciphertext is a ciphertext error', () => {
    for (const encrypt of ['not base64!', 'AAAA', Buffer.alloc(32).toString('base64'), '']) {
      const signed = { timestamp: '1', nonce: 'n', encrypt, signature: sign(OFFICIAL.token, '1', 'n', encrypt) };
      expect(() => openCiphertext(OFFICIAL, signed), encrypt).toThrow(WecomCryptoError);
    }
    const short = Buffer.alloc(16).toString('base64');
    expect(() => openCiphertext(OFFICIAL, { timestamp: '1', nonce: 'n', encrypt: short, signature: sign(OFFICIAL.token, '1', 'n', short) })).toThrow(
      WecomCiphertextError,
    );
  });

  it('accepts only 43-character EncodingAESKeys', () => {
    expect(isValidEncodingAesKey(OFFICIAL.encodingAesKey)).toBe(true);
    expect(isValidEncodingAesKey(OFFICIAL.encodingAesKey.slice(1))).toBe(false);
    expect(isValidEncodingAesKey(`${OFFICIAL.encodingAesKey.slice(1)}!`)).toBe(false);
  });
});

describe('passive reply', () => {
  it('is sealed so that independent code verifies and decrypts it', () => {
    const sealed = sealReply(OFFICIAL, '<xml><Content><![CDATA[你好]]></Content></xml>', '1700000000', 'abc123');
    expect(sign(OFFICIAL.token, '1700000000', 'abc123', sealed.encrypt)).toBe(sealed.signature);
    expect(decryptFrom(OFFICIAL, sealed.encrypt)).toEqual({
      message: '<xml><Content><![CDATA[你好]]></Content></xml>',
      receiveId: OFFICIAL.corpId,
    });
  });
});

describe('properties', () => {
  const signedArbitrary = fc.record({
    signature: fc.string(),
    timestamp: fc.string(),
    nonce: fc.string(),
    encrypt: fc.oneof(fc.string(), fc.base64String()),
  });

  it('verification of any input either passes or throws only typed errors', () => {
    fc.assert(
      fc.property(signedArbitrary, fc.boolean(), (signed, signItCorrectly) => {
        const input = signItCorrectly ? { ...signed, signature: sign(OFFICIAL.token, signed.timestamp, signed.nonce, signed.encrypt) } : signed;
        try {
          openCiphertext(OFFICIAL, input);
        } catch (error) {
          expect(error).toBeInstanceOf(WecomCryptoError);
        }
      }),
    );
  });

  it('a signature verifies only when it is the one computed over the same four values', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), fc.string(), (timestamp, nonce, encrypt, other) => {
        const signature = sign(OFFICIAL.token, timestamp, nonce, encrypt);
        expect(() => verifySignature(OFFICIAL.token, { signature, timestamp, nonce, encrypt })).not.toThrow();
        fc.pre(other !== encrypt);
        expect(() => verifySignature(OFFICIAL.token, { signature, timestamp, nonce, encrypt: other })).toThrow(WecomSignatureError);
      }),
    );
  });

  it('sealed replies round-trip through the independent client, and client messages through the server', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const sealed = sealReply(OFFICIAL, text, '1', 'n');
        expect(decryptFrom(OFFICIAL, sealed.encrypt).message).toBe(text);
        const encrypt = encryptFor(OFFICIAL, text);
        expect(openCiphertext(OFFICIAL, { timestamp: '1', nonce: 'n', encrypt, signature: sign(OFFICIAL.token, '1', 'n', encrypt) })).toBe(text);
      }),
    );
  });
});
