import { z } from 'zod';
import { ConfigError, validate } from './load';

const flag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();
const optionalText = z.string().trim().min(1).optional();

/** Every environment variable the bot reads; README.md and .env.example list the same. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MONGODB_URI: optionalText,
  DATA_DIR: z.string().default('data'),
  CONFIG_DIR: z.string().default('config'),
  CONSOLE_ENABLED: flag,
  /** When set, every console API request must carry `Authorization: Bearer <token>`; required for the console in production. */
  CONSOLE_TOKEN: z.string().trim().min(16, 'must be at least 16 characters (e.g. openssl rand -base64 24)').optional(),
  PUBLIC_BASE_URL: optionalText,
  SCHEDULER_ENABLED: flag,
  CLUE_ENCRYPTION_KEY: optionalText,
  CLUE_ENCRYPTION_OLD_KEYS: optionalText,
  /** 32 bytes, base64: signs the platform sign-in's state and session cookie (src/config/sign-in.ts). */
  SIGN_IN_KEY: optionalText,
  /** How long a WeCom/DingTalk sign-in lasts in the platform's browser. */
  SIGN_IN_SESSION_MINUTES: z.coerce.number().int().min(5).max(720).default(480),
  WECOM_CORP_ID: optionalText,
  WECOM_AGENT_ID: optionalText,
  WECOM_SECRET: optionalText,
  WECOM_TOKEN: optionalText,
  WECOM_ENCODING_AES_KEY: optionalText,
  WECOM_API_BASE: z.string().url().default('https://qyapi.weixin.qq.com'),
  WECOM_REPLY_BUDGET_MS: z.coerce.number().int().min(0).max(4500).default(3000),
  WECOM_MODE: z.enum(['callback', 'aibot']).default('callback'),
  WECOM_BOT_ID: optionalText,
  WECOM_BOT_SECRET: optionalText,
  WECOM_AIBOT_URL: z.string().url().default('wss://openws.work.weixin.qq.com'),
  CONNECTION_HEARTBEAT_MS: z.coerce.number().int().min(10).max(300_000).default(30_000),
  CONNECTION_SILENCE_MS: z.coerce.number().int().min(20).max(900_000).default(75_000),
  CONNECTION_LEASE_MS: z.coerce.number().int().min(200).max(600_000).default(30_000),
  DINGTALK_MODE: z.enum(['http', 'stream']).default('http'),
  DINGTALK_APP_KEY: optionalText,
  DINGTALK_APP_SECRET: optionalText,
  DINGTALK_ROBOT_CODE: optionalText,
  DINGTALK_GROUP_WEBHOOK: optionalText,
  DINGTALK_GROUP_SECRET: optionalText,
  /** The organization's CorpId, which the in-app 免登 (requestAuthCode) needs; sign-in is off without it. */
  DINGTALK_CORP_ID: optionalText,
  DINGTALK_API_BASE: z.string().url().default('https://api.dingtalk.com'),
  DINGTALK_OAPI_BASE: z.string().url().default('https://oapi.dingtalk.com'),
});

export type Env = z.infer<typeof envSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // Empty strings count as unset, as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const env = validate('environment', envSchema, cleaned);
  if (env.NODE_ENV === 'production' && consoleEnabled(env) && !env.CONSOLE_TOKEN) {
    throw new ConfigError('environment: CONSOLE_TOKEN is required when the console is on in production (CONSOLE_ENABLED=true)');
  }
  return env;
}

/** The console channel (and web simulator) is on in development, and in production only when asked for. */
export function consoleEnabled(env: Env): boolean {
  return env.CONSOLE_ENABLED ?? env.NODE_ENV !== 'production';
}
