import { createHash, timingSafeEqual } from 'node:crypto';
import type Koa from 'koa';
import type { LinkHolder } from '../domain/links/link-tokens';
import type { Clock } from '../kernel/clock';
import type { SignedValues } from './signed-values';

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
 * that token (`Authorization: Bearer …` or cookie `console_token`). WeCom and DingTalk users are identified by the
 * session their platform's sign-in left (sessionViewer).
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

/** The cookie of a WeCom/DingTalk sign-in (src/http/sign-in.ts): signed, HttpOnly, SameSite=Lax, short-lived. */
export const SESSION_COOKIE = 'sign_in_session';
const SESSION = 'sign-in-session';

/** The session cookie's value for a person a platform vouched for, until `expiresAt`. */
export function sealSession(values: SignedValues, holder: LinkHolder, expiresAt: Date): string {
  return values.seal(SESSION, { c: holder.channel, u: holder.userId }, expiresAt);
}

/**
 * The WeCom or DingTalk user of the session cookie, while it is unexpired (by the bot's clock) and signed with the
 * sign-in key; only for the channels that sign in. A forged, altered or expired cookie identifies nobody.
 */
export function sessionViewer(values: SignedValues, clock: Clock, channels: ReadonlySet<string>): ViewerOf {
  return (ctx) => {
    const session = values.open(SESSION, ctx.cookies.get(SESSION_COOKIE), clock.now());
    if (!session?.c || !session.u || !channels.has(session.c) || !USER_ID.test(session.u)) return null;
    return { channel: session.c, userId: session.u };
  };
}

/** The first viewer any of the given ways identifies. */
export function anyViewer(...viewers: ViewerOf[]): ViewerOf {
  return (ctx) => {
    for (const viewer of viewers) {
      const found = viewer(ctx);
      if (found) return found;
    }
    return null;
  };
}
