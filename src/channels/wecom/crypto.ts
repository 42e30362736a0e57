import { timingSafeEqual } from 'node:crypto';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';

/** Base of every refusal the callback answers with 401: the body never says which check failed. */
export class WecomCryptoError extends Error {}
export class WecomSignatureError extends WecomCryptoError {
  override name = 'WecomSignatureError';
  constructor() {
    super('WeCom signature does not match');
  }
}
export class WecomCiphertextError extends WecomCryptoError {
  override name = 'WecomCiphertextError';
  constructor() {
    super('WeCom ciphertext does not decrypt');
  }
}
export class WecomReceiveIdError extends WecomCryptoError {
  override name = 'WecomReceiveIdError';
  constructor() {
    super('WeCom receive id is not this corp');
  }
}

export interface WecomCallbackKeys {
  token: string;
  encodingAesKey: string;
  corpId: string;
}

/** The parts of a callback that the signature covers. */
export interface SignedCiphertext {
  signature: string;
  timestamp: string;
  nonce: string;
  encrypt: string;
}

const ENCODING_AES_KEY = /^[A-Za-z0-9+/]{43}$/;
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})+(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const AES_BLOCK = 16;

export function isValidEncodingAesKey(key: string): boolean {
  return ENCODING_AES_KEY.test(key);
}

export function signatureOf(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return getSignature(token, timestamp, nonce, encrypt);
}

export function verifySignature(token: string, signed: SignedCiphertext): void {
  const expected = Buffer.from(signatureOf(token, signed.timestamp, signed.nonce, signed.encrypt));
  const given = Buffer.from(signed.signature.toLowerCase());
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new WecomSignatureError();
  }
}

/** Verify, decrypt and check the receive id; returns the plaintext (the echostr or the message XML). */
export function openCiphertext(keys: WecomCallbackKeys, signed: SignedCiphertext): string {
  verifySignature(keys.token, signed);
  const { message, id } = decryptCiphertext(keys.encodingAesKey, signed.encrypt);
  if (id !== keys.corpId) throw new WecomReceiveIdError();
  return message;
}

function decryptCiphertext(encodingAesKey: string, ciphertext: string): { message: string; id: string } {
  const byteLength = Buffer.byteLength(ciphertext, 'base64');
  if (!STRICT_BASE64.test(ciphertext) || byteLength === 0 || byteLength % AES_BLOCK !== 0) {
    throw new WecomCiphertextError();
  }
  try {
    return decrypt(encodingAesKey, ciphertext);
  } catch {
    throw new WecomCiphertextError();
  }
}

export interface SealedReply {
  encrypt: string;
  signature: string;
  timestamp: string;
  nonce: string;
}

/** Encrypt a passive reply for this corp and sign it over the reply's own timestamp and nonce. */
export function sealReply(keys: WecomCallbackKeys, plaintext: string, timestamp: string, nonce: string): SealedReply {
  const ciphertext = encrypt(keys.encodingAesKey, plaintext, keys.corpId);
  return { encrypt: ciphertext, signature: signatureOf(keys.token, timestamp, nonce, ciphertext), timestamp, nonce };
}
