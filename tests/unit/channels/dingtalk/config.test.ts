import { describe, expect, it } from 'vitest';
import { DingTalkConfigError, loadDingTalkConfig } from '../../../../src/channels/dingtalk/config';

const APP = { DINGTALK_APP_KEY: 'dingkey', DINGTALK_APP_SECRET: 'secret', DINGTALK_ROBOT_CODE: 'dingrobot' };

function errorOf(env: Record<string, string>): string {
  try {
    loadDingTalkConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(DingTalkConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a DingTalkConfigError');
}

describe('DingTalk configuration', () => {
  it('is off when no app key is set', () => {
    expect(loadDingTalkConfig({})).toBeUndefined();
    expect(loadDingTalkConfig({ DINGTALK_MODE: 'stream', DINGTALK_APP_KEY: ' ' })).toBeUndefined();
  });

  it('defaults to HTTP mode and the official hosts', () => {
    expect(loadDingTalkConfig(APP)).toEqual({
      mode: 'http',
      oapiBase: 'https://oapi.dingtalk.com',
      api: {
        appKey: 'dingkey',
        appSecret: 'secret',
        robotCode: 'dingrobot',
        apiBase: 'https://api.dingtalk.com',
        groupWebhook: undefined,
        groupSecret: undefined,
      },
    });
  });

  it('takes base URLs, the mode and a group from the environment', () => {
    const config = loadDingTalkConfig({
      ...APP,
      DINGTALK_MODE: 'stream',
      DINGTALK_API_BASE: 'http://127.0.0.1:9000/',
      DINGTALK_OAPI_BASE: 'http://127.0.0.1:9001',
      DINGTALK_GROUP_WEBHOOK: 'grouptoken123',
      DINGTALK_GROUP_SECRET: 'SECabc',
    });
    expect(config?.mode).toBe('stream');
    expect(config?.api.apiBase).toBe('http://127.0.0.1:9000');
    expect(config?.api.groupWebhook).toBe('http://127.0.0.1:9001/robot/send?access_token=grouptoken123');
    const full = loadDingTalkConfig({ ...APP, DINGTALK_GROUP_WEBHOOK: 'https://oapi.dingtalk.com/robot/send?access_token=t', DINGTALK_GROUP_SECRET: 'SECx' });
    expect(full?.api.groupWebhook).toBe('https://oapi.dingtalk.com/robot/send?access_token=t');
  });

  it('names what is missing or wrong', () => {
    expect(errorOf({ DINGTALK_APP_KEY: 'k' })).toContain('DINGTALK_APP_SECRET, DINGTALK_ROBOT_CODE');
    expect(errorOf({ ...APP, DINGTALK_MODE: 'websocket' })).toContain('DINGTALK_MODE');
    expect(errorOf({ ...APP, DINGTALK_API_BASE: 'ftp://x' })).toContain('DINGTALK_API_BASE');
    expect(errorOf({ ...APP, DINGTALK_GROUP_WEBHOOK: 'token' })).toContain('DINGTALK_GROUP_SECRET');
    expect(errorOf({ ...APP, DINGTALK_GROUP_WEBHOOK: 'bad token!', DINGTALK_GROUP_SECRET: 'SEC' })).toContain('DINGTALK_GROUP_WEBHOOK');
  });

  it('never puts a secret into its errors', () => {
    expect(errorOf({ ...APP, DINGTALK_APP_SECRET: 'topsecret', DINGTALK_MODE: 'x' })).not.toContain('topsecret');
  });
});
