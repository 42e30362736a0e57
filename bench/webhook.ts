import { ConversationModel } from '../src/store/mongo/models/conversation';
import { load, type LoadResult } from './load';
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

interface Ops {
  commands: Record<string, number>;
  written: number;
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
  const before = await bot.request<Ops>({ cmd: 'ops' });
  const run = await load({ url: bot.url, duration: seconds.run, requests: callbackRequests(runPool, check) });
  const after = await bot.request<Ops>({ cmd: 'ops' });
  const perMessage = (n: number) => Number((n / Math.max(1, run.ok)).toFixed(2));
  const commands = Object.fromEntries(
    Object.entries(after.commands)
      .map(([name, n]) => [name, perMessage(n - (before.commands[name] ?? 0))] as const)
      .filter(([, n]) => n > 0),
  );
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
    writes_per_message: perMessage(after.written - before.written),
    commands_per_message: commands,
  };
}
