import { z } from 'zod';
import { ConfigError } from '../../config/load';
import type { DingTalkApiConfig } from './api-client';

/** A ConfigError, so start-up stops with its one-line message. */
export class DingTalkConfigError extends ConfigError {
  override name = 'DingTalkConfigError';
  constructor(detail: string) {
    super(`environment (DingTalk): ${detail}`);
  }
}

export type DingTalkMode = 'http' | 'stream';

export interface DingTalkConfig {
  mode: DingTalkMode;
  api: DingTalkApiConfig;
  /** The old API host (oapi): DingTalk's sessionWebhooks live there, and replies go to no other host. */
  oapiBase: string;
  /** The organization's CorpId, for the in-app 免登 (sign-in is off without it). */
  corpId?: string;
}

const REQUIRED = ['DINGTALK_APP_KEY', 'DINGTALK_APP_SECRET', 'DINGTALK_ROBOT_CODE'] as const;

const baseUrl = z.url({ protocol: /^https?$/ }).transform((value) => value.replace(/\/+$/, ''));

const envSchema = z.object({
  DINGTALK_APP_KEY: z.string().min(1),
  DINGTALK_APP_SECRET: z.string().min(1),
  DINGTALK_ROBOT_CODE: z.string().min(1),
  DINGTALK_MODE: z.enum(['http', 'stream']).default('http'),
  DINGTALK_API_BASE: baseUrl.default('https://api.dingtalk.com'),
  DINGTALK_OAPI_BASE: baseUrl.default('https://oapi.dingtalk.com'),
  DINGTALK_GROUP_WEBHOOK: z.string().min(1).optional(),
  DINGTALK_GROUP_SECRET: z.string().min(1).optional(),
  DINGTALK_CORP_ID: z
    .string()
    .regex(/^[\w-]{1,64}$/)
    .optional(),
});

/**
 * Reads the DingTalk settings from the environment. Returns undefined when none of the app's keys is set
 * (the channel is off); throws DingTalkConfigError naming the variable when a setting is missing or wrong.
 */
export function loadDingTalkConfig(env: Readonly<Record<string, unknown>>): DingTalkConfig | undefined {
  const settings = Object.fromEntries(
    Object.keys(envSchema.shape).flatMap((name) => {
      const value = env[name];
      return typeof value === 'string' && value.trim() ? [[name, value.trim()]] : [];
    }),
  );
  const missing = REQUIRED.filter((name) => !(name in settings));
  if (missing.length === REQUIRED.length) return undefined;
  if (missing.length) throw new DingTalkConfigError(`set ${missing.join(', ')} (or none of ${REQUIRED.join(', ')})`);

  const parsed = envSchema.safeParse(settings);
  if (!parsed.success) {
    const names = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))];
    throw new DingTalkConfigError(`invalid value of ${names.join(', ')}`);
  }
  const valid = parsed.data;
  if (Boolean(valid.DINGTALK_GROUP_WEBHOOK) !== Boolean(valid.DINGTALK_GROUP_SECRET)) {
    throw new DingTalkConfigError('set both DINGTALK_GROUP_WEBHOOK and DINGTALK_GROUP_SECRET, or neither');
  }
  return {
    mode: valid.DINGTALK_MODE,
    oapiBase: valid.DINGTALK_OAPI_BASE,
    ...(valid.DINGTALK_CORP_ID && { corpId: valid.DINGTALK_CORP_ID }),
    api: {
      appKey: valid.DINGTALK_APP_KEY,
      appSecret: valid.DINGTALK_APP_SECRET,
      robotCode: valid.DINGTALK_ROBOT_CODE,
      apiBase: valid.DINGTALK_API_BASE,
      groupWebhook: valid.DINGTALK_GROUP_WEBHOOK && groupWebhookUrl(valid.DINGTALK_GROUP_WEBHOOK, valid.DINGTALK_OAPI_BASE),
      groupSecret: valid.DINGTALK_GROUP_SECRET,
    },
  };
}

/** DINGTALK_GROUP_WEBHOOK is the robot's full webhook URL, or just its access_token (then sent to the oapi host). */
function groupWebhookUrl(value: string, oapiBase: string): string {
  if (URL.canParse(value) && /^https?:$/.test(new URL(value).protocol)) return value;
  if (!/^[\w-]{1,256}$/.test(value)) throw new DingTalkConfigError('invalid value of DINGTALK_GROUP_WEBHOOK');
  return `${oapiBase}/robot/send?access_token=${value}`;
}
