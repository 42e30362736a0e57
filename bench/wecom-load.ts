/**
 * Encrypted WeCom callbacks as the platform sends them, built with the test client's
 * own encryption (not the server's helpers), so the load generator only replays them.
 */
import type autocannon from 'autocannon';
import { OFFICIAL, callbackRequest, openPassiveReply, textMessageXml } from '../tests/support/wecom-client';

export const WECOM_SECRETS = OFFICIAL;

/** Environment that turns the bot's WeCom channel on with the official test keys (the bench points WECOM_API_BASE at a fake API). */
export const WECOM_ENV = {
  WECOM_CORP_ID: OFFICIAL.corpId,
  WECOM_AGENT_ID: '1000002',
  WECOM_SECRET: 'bench-secret',
  WECOM_TOKEN: OFFICIAL.token,
  WECOM_ENCODING_AES_KEY: OFFICIAL.encodingAesKey,
};

/** What the crypto baseline answers: about the length of the 帮助 menu a roster user gets. */
export const CANNED_REPLY =
  '您可以使用以下命令：\n' +
  Array.from({ length: 8 }, (_, i) => `${i + 1}. 示例命令${i + 1}：说明这条命令做什么，以及需要提供哪些信息。`).join('\n') +
  '\n发送「取消」结束当前操作。';

export interface PreparedRequest {
  path: string;
  body: string;
}

/** `count` distinct text messages (distinct MsgIds) cycling through the given WeCom users. */
export function prepareCallbacks(users: string[], count: number, text: string, msgIdBase: bigint): PreparedRequest[] {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return Array.from({ length: count }, (_, i) => {
    const xml = textMessageXml({ from: users[i % users.length]!, content: text, msgId: String(msgIdBase + BigInt(i)), corpId: OFFICIAL.corpId });
    const signed = callbackRequest(OFFICIAL, xml, { timestamp });
    return { path: `/wecom/callback?${signed.query}`, body: signed.body };
  });
}

/** Counts empty 200s (the reply goes out later by push) and checks a sample of the passive replies. */
export class ReplyCheck {
  checked = 0;
  failed = 0;
  empty = 0;
  private seen = 0;

  constructor(private readonly every: number) {}

  observe(status: number, body: string): void {
    if (status !== 200) return;
    if (body.length === 0) {
      this.empty++;
      return;
    }
    if (this.seen++ % this.every !== 0) return;
    this.checked++;
    try {
      if (!openPassiveReply(OFFICIAL, body).content) this.failed++;
    } catch {
      this.failed++;
    }
  }
}

/**
 * An autocannon request list replaying the prepared callbacks in order; once
 * `prepared` is used up it repeats them (only fine where nothing deduplicates).
 */
export function callbackRequests(prepared: PreparedRequest[], check: ReplyCheck): autocannon.Request[] {
  let next = 0;
  return [
    {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      setupRequest: (request) => {
        const item = prepared[next++ % prepared.length]!;
        return { ...request, path: item.path, body: item.body };
      },
      onResponse: (status, body) => check.observe(status, body),
    },
  ];
}
