import { createHash } from 'node:crypto';
import type { Env } from './env';
import { ConfigError } from './load';

const KEY_BYTES = 32;
/** A fixed key for development only: anyone can forge a sign-in signed with it. */
const DEVELOPMENT_KEY = createHash('sha256').update('joint-supervision sign-in development key - not for production').digest();

export interface SignInSettings {
  /** Signs the sign-in state and the session cookie (HMAC-SHA256). */
  key: Buffer;
  /** True when the published development key is used (never in production). */
  developmentKey: boolean;
  sessionMinutes: number;
}

/**
 * The key of the WeCom/DingTalk sign-in (SIGN_IN_KEY, 32 bytes in base64). Production refuses a missing key while a
 * platform that signs in is configured (WECOM_CORP_ID or DINGTALK_CORP_ID), and always a malformed or weak one;
 * elsewhere a fixed development key stands in and start-up says so.
 */
export function loadSignIn(env: Env): SignInSettings {
  const production = env.NODE_ENV === 'production';
  const sessionMinutes = env.SIGN_IN_SESSION_MINUTES;
  if (!env.SIGN_IN_KEY) {
    if (production && (env.WECOM_CORP_ID || env.DINGTALK_CORP_ID)) {
      throw new ConfigError('environment: SIGN_IN_KEY is required in production when WeCom or DingTalk sign-in is configured (openssl rand -base64 32)');
    }
    return { key: DEVELOPMENT_KEY, developmentKey: true, sessionMinutes };
  }
  const key = Buffer.from(env.SIGN_IN_KEY, 'base64');
  if (key.length !== KEY_BYTES || key.toString('base64').replace(/=+$/, '') !== env.SIGN_IN_KEY.replace(/=+$/, '')) {
    throw new ConfigError(`environment: SIGN_IN_KEY must be ${KEY_BYTES} bytes in base64 (openssl rand -base64 32)`);
  }
  if (production && (key.equals(DEVELOPMENT_KEY) || key.every((byte) => byte === key[0]))) {
    throw new ConfigError('environment: SIGN_IN_KEY is a weak or published key; generate one: openssl rand -base64 32');
  }
  return { key, developmentKey: false, sessionMinutes };
}
