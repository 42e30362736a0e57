import { createHash, timingSafeEqual } from 'node:crypto';
import type Koa from 'koa';
import type { LinkHolder } from '../domain/links/link-tokens';

/** Who opens a link, from the channel's own session; null when nobody is identified. */
export type ViewerOf = (ctx: Koa.Context) => LinkHolder | null;

const USER_ID = /^[^\u0000-\u001f\u007f]{1,64}$/;
const digest = (value: string) => createHash('sha256').update(value).digest();

function cookie(ctx: Koa.Context, name: string): string | undefined {
  const value = ctx.cookies.get(name);
  if (!value) return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/**
 * The person opening a link, never taken from the link itself: on the console, the user the simulator acts as
 * (cookie `console_user`, set by the page, or header `x-console-user`), and, when CONSOLE_TOKEN is set, only with
 * that token (`Authorization: Bearer …` or cookie `console_token`). WeCom and DingTalk users receive the files
 * themselves through the platform's media upload (the recipient is the outbox row's, on the server); their
 * in-app browser carries no identity the bot can check, so a link opened there is refused like any other.
 */
export function consoleViewer(options: { enabled: boolean; token?: string }): ViewerOf {
  const expected = options.token === undefined ? undefined : digest(options.token);
  return (ctx) => {
    if (!options.enabled) return null;
    if (expected) {
      const given = /^Bearer (.+)$/.exec(ctx.get('authorization'))?.[1] ?? cookie(ctx, 'console_token');
      if (given === undefined || !timingSafeEqual(digest(given), expected)) return null;
    }
    const userId = ctx.get('x-console-user') || cookie(ctx, 'console_user');
    return userId && USER_ID.test(userId) ? { channel: 'console', userId } : null;
  };
}
