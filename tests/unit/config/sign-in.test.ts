import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadEnv } from '../../../src/config/env';
import { loadSignIn } from '../../../src/config/sign-in';

const load = (source: Record<string, string>) => loadSignIn(loadEnv(source));
const DEVELOPMENT = createHash('sha256').update('joint-supervision sign-in development key - not for production').digest().toString('base64');

describe('the sign-in key (SIGN_IN_KEY)', () => {
  it('is 32 bytes of base64; without it development signs with a published key and says so', () => {
    const key = randomBytes(32).toString('base64');
    expect(load({ SIGN_IN_KEY: key })).toEqual({ key: Buffer.from(key, 'base64'), developmentKey: false, sessionMinutes: 480 });
    expect(load({}).developmentKey).toBe(true);
    expect(() => load({ SIGN_IN_KEY: 'c2hvcnQ=' })).toThrow(/SIGN_IN_KEY must be 32 bytes/);
    expect(load({ SIGN_IN_SESSION_MINUTES: '60' }).sessionMinutes).toBe(60);
    expect(() => load({ SIGN_IN_SESSION_MINUTES: '1440' })).toThrow(/SIGN_IN_SESSION_MINUTES/);
  });

  it('is required in production once WeCom or DingTalk sign-in is configured, and never weak or the published one', () => {
    expect(() => load({ NODE_ENV: 'production', WECOM_CORP_ID: 'ww1' })).toThrow(/SIGN_IN_KEY is required in production/);
    expect(() => load({ NODE_ENV: 'production', DINGTALK_CORP_ID: 'ding1' })).toThrow(/SIGN_IN_KEY is required in production/);
    expect(load({ NODE_ENV: 'production' }).developmentKey).toBe(true);
    expect(() => load({ NODE_ENV: 'production', SIGN_IN_KEY: Buffer.alloc(32).toString('base64') })).toThrow(/weak or published/);
    expect(() => load({ NODE_ENV: 'production', SIGN_IN_KEY: DEVELOPMENT })).toThrow(/weak or published/);
  });
});
