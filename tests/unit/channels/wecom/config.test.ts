import { describe, expect, it } from 'vitest';
import { loadEnv } from '../../../../src/config/env';
import { ConfigError } from '../../../../src/config/load';
import { loadAibotScheduleApi, loadWecomConfig } from '../../../../src/channels/wecom/config';
import { OFFICIAL } from '../../../support/wecom-client';

const FULL = {
  WECOM_CORP_ID: OFFICIAL.corpId,
  WECOM_AGENT_ID: '1000002',
  WECOM_SECRET: 'secret',
  WECOM_TOKEN: OFFICIAL.token,
  WECOM_ENCODING_AES_KEY: OFFICIAL.encodingAesKey,
};

describe('loadWecomConfig', () => {
  it('is off when no WeCom variable is set', () => {
    expect(loadWecomConfig(loadEnv({}))).toBeUndefined();
  });

  it('reads all settings, with the official API host and a 3 s budget by default', () => {
    expect(loadWecomConfig(loadEnv(FULL))).toEqual({
      keys: { token: OFFICIAL.token, encodingAesKey: OFFICIAL.encodingAesKey, corpId: OFFICIAL.corpId },
      api: { apiBase: 'https://qyapi.weixin.qq.com', corpId: OFFICIAL.corpId, secret: 'secret', agentId: 1000002 },
      replyBudgetMs: 3000,
    });
  });

  it('names the variables missing from a partial setup', () => {
    const { WECOM_SECRET: _secret, WECOM_TOKEN: _token, ...partial } = FULL;
    expect(() => loadWecomConfig(loadEnv(partial))).toThrow(/WECOM_SECRET, WECOM_TOKEN/);
  });

  it('stops on a malformed EncodingAESKey or AgentId', () => {
    for (const key of [OFFICIAL.encodingAesKey.slice(1), `${OFFICIAL.encodingAesKey}=`, `${OFFICIAL.encodingAesKey.slice(1)}-`]) {
      expect(() => loadWecomConfig(loadEnv({ ...FULL, WECOM_ENCODING_AES_KEY: key }))).toThrow(ConfigError);
    }
    expect(() => loadWecomConfig(loadEnv({ ...FULL, WECOM_ENCODING_AES_KEY: 'short' }))).toThrow(/WECOM_ENCODING_AES_KEY/);
    expect(() => loadWecomConfig(loadEnv({ ...FULL, WECOM_AGENT_ID: 'app' }))).toThrow(/WECOM_AGENT_ID/);
  });
});

describe('loadAibotScheduleApi', () => {
  const AIBOT = { WECOM_MODE: 'aibot', WECOM_BOT_ID: 'bot', WECOM_BOT_SECRET: 'bot-secret' };

  it('is off without a self-built app, and reads its corp id, agent id and secret (no callback keys needed)', () => {
    expect(loadAibotScheduleApi(loadEnv(AIBOT))).toBeUndefined();
    const app = { WECOM_CORP_ID: OFFICIAL.corpId, WECOM_AGENT_ID: '1000002', WECOM_SECRET: 'secret' };
    expect(loadAibotScheduleApi(loadEnv({ ...AIBOT, ...app }))).toEqual({
      apiBase: 'https://qyapi.weixin.qq.com',
      corpId: OFFICIAL.corpId,
      secret: 'secret',
      agentId: 1000002,
    });
  });

  it('names what is missing from a partial app, and refuses an agent id that is not a number', () => {
    expect(() => loadAibotScheduleApi(loadEnv({ ...AIBOT, WECOM_CORP_ID: OFFICIAL.corpId }))).toThrow(/WECOM_AGENT_ID, WECOM_SECRET/);
    expect(() => loadAibotScheduleApi(loadEnv({ ...AIBOT, WECOM_CORP_ID: 'c', WECOM_AGENT_ID: 'x', WECOM_SECRET: 's' }))).toThrow(ConfigError);
  });
});
