import { randomBytes, timingSafeEqual } from 'node:crypto';
import type Router from 'koa-router';
import type { PlatformSignIn } from '../channels/channel';
import { HttpError, parseJson, readBody } from '../channels/http-body';
import type { Clock } from '../kernel/clock';
import { errorSummary, type Logger } from '../kernel/logger';
import type { SignedValues } from './signed-values';
import { SESSION_COOKIE, sealSession } from './viewer';

/** The signed cookie that carries `next` and the state across the platform's round trip. */
const PENDING_COOKIE = 'sign_in_pending';
const PENDING = 'sign-in-pending';
const PENDING_MS = 10 * 60_000;
const NEXT_MAX = 512;
const CODE = /^[\w-]{1,512}$/;
const USER_ID = /^[^\u0000-\u001f\u007f]{1,64}$/;
/** DingTalk's JS API, loaded by the sign-in page in DingTalk's browser (never in tests). */
const DINGTALK_JSAPI = 'https://g.alicdn.com/dingding/dingtalk-jsapi/2.10.3/dingtalk.open.js';

export interface SignInOptions {
  /** The channels that sign in, by name (WeCom, DingTalk with DINGTALK_CORP_ID). */
  platforms: ReadonlyMap<string, PlatformSignIn>;
  values: SignedValues;
  clock: Clock;
  sessionMinutes: number;
  /** PUBLIC_BASE_URL: the origin of the WeCom redirect_uri; the request's own origin without it. */
  publicBaseUrl?: string;
  logger: Logger;
}

/** Where a person goes after signing in: a path of this site only (no scheme, host, `//` or backslash). */
export function sameSitePath(next: unknown): string | null {
  if (typeof next !== 'string' || next.length > NEXT_MAX || !next.startsWith('/') || /[\\\u0000-\u001f\u007f]/.test(next) || next.startsWith('//')) return null;
  const base = 'http://sign-in.invalid';
  const url = new URL(next, base);
  return url.origin === base ? url.pathname + url.search : null;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string, head = ''): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title>${head}</head><body>${body}</body></html>`;
}

const REFUSED = '无法确认您的身份。请回到企业微信或钉钉，从消息中的链接重新打开。';

/**
 * Sign-in for WeCom and DingTalk users in their platform's browser, so a link the bot sent them opens for them alone:
 * GET /sign-in/<channel>?next=<path> starts it (WeCom: a redirect to its OAuth page, snsapi_base; DingTalk: a page
 * whose script asks DingTalk's JS API for a 免登 code), and /sign-in/<channel>/callback exchanges the code for the
 * user id on the server (GET with ?code&state from WeCom, POST {authCode, state} from the DingTalk page), then sets
 * the session cookie (src/http/viewer.ts) and sends the browser on to `next`.
 *
 * The state is random, and the cookie `sign_in_pending` (signed, HttpOnly, SameSite=Lax, 10 minutes) carries it with
 * `next`: a callback whose state is not the one this browser was given, or comes too late, is refused, so nobody can
 * sign another person's browser in. WeCom allows a state of 128 letters and digits only, so `next` travels in that
 * cookie, never through the platform. Codes, states and cookies are never logged (the request log drops the query).
 */
export function mountSignIn(router: Router, options: SignInOptions): void {
  const { platforms, values, clock } = options;
  const cookieOptions = (secure: boolean, maxAge: number, path: string) => ({
    httpOnly: true,
    sameSite: 'lax' as const,
    secure,
    maxAge,
    path,
    overwrite: true,
  });

  const platformOf = (channel: string): PlatformSignIn => {
    const platform = platforms.get(channel);
    if (!platform) throw new HttpError(404, 'not found');
    return platform;
  };

  const refuse = (ctx: Router.RouterContext, status: number, json: boolean) => {
    ctx.status = status;
    ctx.set('cache-control', 'no-store');
    if (json) ctx.body = { error: REFUSED };
    else {
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = page('无法登录', `<p>${REFUSED}</p>`);
    }
  };

  /** The state's checks, then the platform's word on the code: the user id, or null (refused). */
  async function signIn(ctx: Router.RouterContext, channel: string, code: unknown, state: unknown): Promise<{ next: string } | null> {
    const platform = platformOf(channel);
    const pending = values.open(PENDING, ctx.cookies.get(PENDING_COOKIE), clock.now());
    ctx.cookies.set(PENDING_COOKIE, null, { path: '/sign-in' });
    if (!pending || pending.c !== channel || typeof state !== 'string' || !pending.s || !sameState(pending.s, state)) return null;
    const next = sameSitePath(pending.n);
    if (!next || typeof code !== 'string' || !CODE.test(code)) return null;
    let userId: string | null;
    try {
      userId = await platform.userIdByCode(code);
    } catch (err) {
      (ctx.state.log ?? options.logger).warn({ channel, err: errorSummary(err) }, 'sign-in: the platform could not be asked for the user');
      throw new HttpError(503, '暂时无法确认身份，请稍后重试。');
    }
    if (!userId || !USER_ID.test(userId)) return null;
    const expiresAt = new Date(clock.now().getTime() + options.sessionMinutes * 60_000);
    ctx.cookies.set(SESSION_COOKIE, sealSession(values, { channel, userId }, expiresAt), cookieOptions(ctx.secure, options.sessionMinutes * 60_000, '/'));
    return { next };
  }

  router.get('/sign-in/:channel', (ctx) => {
    const channel = String(ctx.params.channel);
    const platform = platformOf(channel);
    const next = sameSitePath(ctx.query.next);
    if (!next) throw new HttpError(400, 'next must be a path of this site');
    const state = randomBytes(24).toString('hex');
    const pending = values.seal(PENDING, { c: channel, n: next, s: state }, new Date(clock.now().getTime() + PENDING_MS));
    ctx.cookies.set(PENDING_COOKIE, pending, cookieOptions(ctx.secure, PENDING_MS, '/sign-in'));
    ctx.set('cache-control', 'no-store');
    ctx.set('referrer-policy', 'no-referrer');
    if (platform.flow === 'redirect') {
      const callback = `${options.publicBaseUrl?.replace(/\/+$/, '') ?? `${ctx.protocol}://${ctx.host}`}/sign-in/${channel}/callback`;
      ctx.redirect(platform.authorizeUrl(callback, state));
      return;
    }
    const nonce = randomBytes(16).toString('base64');
    ctx.set('content-security-policy', `default-src 'none'; script-src ${new URL(DINGTALK_JSAPI).origin} 'nonce-${nonce}'; connect-src 'self'`);
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = page(
      '正在确认身份…',
      `<p id="status">正在通过钉钉确认您的身份…</p>
<script nonce="${nonce}" id="sign-in" data-corp-id="${escapeHtml(platform.corpId)}" data-state="${state}" data-callback="/sign-in/${escapeHtml(channel)}/callback">
(function () {
  var el = document.getElementById('sign-in');
  function fail() { document.getElementById('status').textContent = ${JSON.stringify(REFUSED)}; }
  if (typeof dd === 'undefined') return fail();
  dd.ready(function () {
    dd.runtime.permission.requestAuthCode({
      corpId: el.dataset.corpId,
      onSuccess: function (result) {
        fetch(el.dataset.callback, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ authCode: result.code, state: el.dataset.state }) })
          .then(function (res) { return res.ok ? res.json() : Promise.reject(res.status); })
          .then(function (body) { location.replace(body.next); }, fail);
      },
      onFail: fail,
    });
  });
})();
</script>`,
      `<script src="${DINGTALK_JSAPI}"></script>`,
    );
  });

  router.get('/sign-in/:channel/callback', async (ctx) => {
    const channel = String(ctx.params.channel);
    if (platformOf(channel).flow !== 'redirect') throw new HttpError(404, 'not found');
    const done = await signIn(ctx, channel, ctx.query.code, ctx.query.state);
    if (!done) return refuse(ctx, 403, false);
    ctx.set('cache-control', 'no-store');
    ctx.redirect(done.next);
  });

  router.post('/sign-in/:channel/callback', async (ctx) => {
    const channel = String(ctx.params.channel);
    if (platformOf(channel).flow !== 'jsapi') throw new HttpError(404, 'not found');
    if (!ctx.is('application/json')) throw new HttpError(415, 'application/json only');
    const body = parseJson(await readBody(ctx, 4096)) as { authCode?: unknown; state?: unknown } | null;
    const done = await signIn(ctx, channel, body?.authCode, body?.state);
    if (!done) return refuse(ctx, 403, true);
    ctx.set('cache-control', 'no-store');
    ctx.body = { next: done.next };
  });
}

function sameState(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
