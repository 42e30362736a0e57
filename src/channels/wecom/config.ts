import type { Env } from '../../config/env';
import { ConfigError } from '../../config/load';
import type { WecomApiConfig } from './api-client';
import { isValidEncodingAesKey, type WecomCallbackKeys } from './crypto';

export interface WecomConfig {
  keys: WecomCallbackKeys;
  api: WecomApiConfig;
  /** How long a callback waits for the bot's answer before answering empty and pushing it later. */
  replyBudgetMs: number;
}

const REQUIRED = ['WECOM_CORP_ID', 'WECOM_AGENT_ID', 'WECOM_SECRET', 'WECOM_TOKEN', 'WECOM_ENCODING_AES_KEY'] as const;

/**
 * The WeCom settings from the environment: undefined when none is set (channel off);
 * a ConfigError naming the variable when some are missing or malformed.
 */
export function loadWecomConfig(env: Env): WecomConfig | undefined {
  const missing = REQUIRED.filter((name) => !env[name]);
  if (missing.length === REQUIRED.length) return undefined;
  if (missing.length > 0) throw new ConfigError(`environment: set ${missing.join(', ')} too, or none of ${REQUIRED.join(', ')}`);
  const { WECOM_CORP_ID: corpId, WECOM_AGENT_ID: agentId, WECOM_SECRET: secret, WECOM_TOKEN: token } = env as Required<Env>;
  const encodingAesKey = env.WECOM_ENCODING_AES_KEY ?? '';
  if (!isValidEncodingAesKey(encodingAesKey)) {
    throw new ConfigError("environment: WECOM_ENCODING_AES_KEY must be the 43-character EncodingAESKey from the app's 接收消息 settings (letters and digits)");
  }
  if (!/^[1-9]\d{0,9}$/.test(agentId)) throw new ConfigError("environment: WECOM_AGENT_ID must be the app's numeric AgentId");
  return {
    keys: { token, encodingAesKey, corpId },
    api: { apiBase: env.WECOM_API_BASE, corpId, secret, agentId: Number(agentId) },
    replyBudgetMs: env.WECOM_REPLY_BUDGET_MS,
  };
}
