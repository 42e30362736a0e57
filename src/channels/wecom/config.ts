import type { Env } from '../../config/env';
import { ConfigError } from '../../config/load';
import type { WecomApiConfig } from './api-client';
import { isValidEncodingAesKey, type WecomCallbackKeys } from './crypto';
import { connectionTimings } from '../long-connection';
import type { WecomAibotConfig } from './aibot-channel';

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
  return {
    keys: { token, encodingAesKey, corpId },
    api: apiConfig(env.WECOM_API_BASE, corpId, secret, agentId),
    replyBudgetMs: env.WECOM_REPLY_BUDGET_MS,
  };
}

function apiConfig(apiBase: string, corpId: string, secret: string, agentId: string): WecomApiConfig {
  if (!/^[1-9]\d{0,9}$/.test(agentId)) throw new ConfigError("environment: WECOM_AGENT_ID must be the app's numeric AgentId");
  return { apiBase, corpId, secret, agentId: Number(agentId) };
}

/** A self-built app's API credentials beside the AI bot's: only its schedule API (日程) is used. */
const AIBOT_SCHEDULES = ['WECOM_CORP_ID', 'WECOM_AGENT_ID', 'WECOM_SECRET'] as const;

const AIBOT_REQUIRED = ['WECOM_BOT_ID', 'WECOM_BOT_SECRET'] as const;

/** The AI-bot (long connection) settings: undefined unless WECOM_MODE=aibot; a ConfigError when its id or secret is missing. */
export function loadWecomAibotConfig(env: Env): WecomAibotConfig | undefined {
  if (env.WECOM_MODE !== 'aibot') return undefined;
  const missing = AIBOT_REQUIRED.filter((name) => !env[name]);
  if (missing.length > 0) throw new ConfigError(`environment: WECOM_MODE=aibot needs ${missing.join(' and ')} (the AI bot's BotID and Secret)`);
  if (env.CONNECTION_SILENCE_MS <= env.CONNECTION_HEARTBEAT_MS) {
    throw new ConfigError('environment: CONNECTION_SILENCE_MS must be longer than CONNECTION_HEARTBEAT_MS');
  }
  return {
    botId: env.WECOM_BOT_ID ?? '',
    secret: env.WECOM_BOT_SECRET ?? '',
    url: env.WECOM_AIBOT_URL,
    replyBudgetMs: env.WECOM_REPLY_BUDGET_MS,
    timings: connectionTimings(env),
    leaseMs: env.CONNECTION_LEASE_MS,
  };
}

/**
 * In AI-bot mode, the self-built app whose schedule API puts meetings in WeCom calendars: undefined when none of its
 * variables is set (schedules off); a ConfigError when only some are.
 */
export function loadAibotScheduleApi(env: Env): WecomApiConfig | undefined {
  const missing = AIBOT_SCHEDULES.filter((name) => !env[name]);
  if (missing.length === AIBOT_SCHEDULES.length) return undefined;
  if (missing.length > 0)
    throw new ConfigError(`environment: for WeCom schedules in AI-bot mode set ${missing.join(', ')} too, or none of ${AIBOT_SCHEDULES.join(', ')}`);
  const { WECOM_CORP_ID: corpId, WECOM_AGENT_ID: agentId, WECOM_SECRET: secret } = env as Required<Env>;
  return apiConfig(env.WECOM_API_BASE, corpId, secret, agentId);
}
