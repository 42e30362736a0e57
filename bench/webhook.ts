import { ConversationModel } from '../src/store/mongo/models/conversation';
import { load, type LoadResult } from './load';
import { opsPer, readOps } from './ops';
import type { ServerProcess } from './server-process';
import { ReplyCheck, callbackRequests, prepareCallbacks } from './wecom-load';

/** More prepared callbacks than the pipeline can take in the time, so no MsgId repeats. */
const MAX_RPS = 4_000;

export interface WebhookFigures {
  load: LoadResult;
  rss_mb: number;
  /** Requests answered 200 over warm-up and run together. */
  answered: number;
  /** Inbound messages in the database afterwards: at least every one answered 200. */
  stored: number;
  checked: number;
  /** Answered 200 with an empty body: past the reply budget, the reply is pushed instead. */
  pushed: number;
  /** Documents written (inserted, updated, deleted) per message answered in the run, all of the bot's work included. */
  writes_per_message: number;
  /** Database commands per message answered in the run, by command name. */
  commands_per_message: Record<string, number>;
}

/** Not one request answered 200 (e.g. the database could not store a message within the 1 s budget): no figure. */
export class WebhookUnanswered extends Error {
  override name = 'WebhookUnanswered';
  constructor(non2xx: number, errors: number) {
    super(`the webhook answered no request with 200 (${non2xx} non-2xx, ${errors} errors; see the server log)`);
  }
}

/** Documents written and commands sent per message, measured one message at a time (no load, so no retry or timeout in it). */
export interface PerMessage {
  writes_per_message: number;
  commands_per_message: Record<string, number>;
}

const PROBE_MESSAGES = 20;
const WARM_MESSAGES = 10;

/**
 * `帮助` from PROBE_MESSAGES users, one request after another, each answered before the next: what one message
 * costs the database, by the driver's command monitoring in the bot process. The server's background loops
 * (outbox sender, resume) run meanwhile and are counted too, as in production.
 */
export async function measureWritesPerMessage(bot: ServerProcess, users: string[]): Promise<PerMessage> {
  const base = BigInt(Date.now()) * 1000n + 7n;
  const pool = prepareCallbacks(users, WARM_MESSAGES + PROBE_MESSAGES, '帮助', base);
  const send = async (request: (typeof pool)[number]) => {
    const res = await fetch(`${bot.url}${request.path}`, { method: 'POST', body: request.body, headers: { 'content-type': 'text/xml' } });
    await res.text();
    return res.status === 200;
  };
  // First messages after start-up also pay for collections and lazily built state: not counted.
  for (const request of pool.slice(0, WARM_MESSAGES)) await send(request);
  const before = await readOps(bot);
  let answered = 0;
  for (const request of pool.slice(WARM_MESSAGES)) if (await send(request)) answered++;
  const after = await readOps(bot);
  if (answered === 0) throw new WebhookUnanswered(PROBE_MESSAGES, 0);
  const per = opsPer(before, after, answered);
  return { writes_per_message: per.written, commands_per_message: per.commands };
}

/**
 * Encrypted `帮助` text messages from many roster users, each with its own MsgId,
 * through the whole pipeline. Null when the build has no WeCom channel.
 */
export async function measureWebhook(bot: ServerProcess, users: string[], seconds: { warm: number; run: number }): Promise<WebhookFigures | null> {
  const probe = await fetch(`${bot.url}/wecom/callback`, { method: 'POST', body: '<xml></xml>' });
  if (probe.status === 404 || probe.status === 405) return null;

  const base = BigInt(Date.now()) * 1000n + BigInt(Math.floor(Math.random() * 1e9)) * 1_000_000n;
  const warmPool = prepareCallbacks(users, seconds.warm * MAX_RPS, '帮助', base);
  const runPool = prepareCallbacks(users, seconds.run * MAX_RPS, '帮助', base + BigInt(warmPool.length));
  const check = new ReplyCheck(20);
  const warm = await load({ url: bot.url, duration: seconds.warm, requests: callbackRequests(warmPool, check) });
  const before = await readOps(bot);
  const run = await load({ url: bot.url, duration: seconds.run, requests: callbackRequests(runPool, check) });
  const per = opsPer(before, await readOps(bot), run.ok);
  if (warm.ok + warm.non2xx > warmPool.length || run.ok + run.non2xx > runPool.length) {
    throw new Error('webhook: the prepared MsgIds ran out; raise MAX_RPS');
  }
  if (check.failed === 0 && warm.ok + run.ok === 0) throw new WebhookUnanswered(run.non2xx, run.errors);
  if (check.failed > 0 || (check.checked === 0 && check.empty === 0)) {
    throw new Error(`webhook: ${check.failed} of ${check.checked} sampled passive replies did not verify (${check.empty} empty)`);
  }
  const { rss_mb } = await bot.request<{ rss_mb: number }>({ cmd: 'rss' });
  const answered = warm.ok + run.ok;
  const stored = await ConversationModel.countDocuments({ channel: 'wecom' });
  if (stored < answered) throw new Error(`webhook: ${answered} answered 200 but only ${stored} stored`);
  return {
    load: run,
    rss_mb,
    answered,
    stored,
    checked: check.checked,
    pushed: check.empty,
    writes_per_message: per.written,
    commands_per_message: per.commands,
  };
}
