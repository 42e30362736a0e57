import type { Clock } from '../../kernel/clock';
import { DingTalkDeliveryError, assertErrcodeZero, getJson, postJson } from './http';

/** Refresh this long before DingTalk's stated expiry, so a send never starts with a token about to lapse. */
const EXPIRY_MARGIN_MS = 5 * 60 * 1000;

export interface AccessTokenSource {
  appKey: string;
  appSecret: string;
}

export interface IssuedToken {
  token: string;
  expiresInSeconds: number;
}

/**
 * One of the app's access tokens, cached and shared: concurrent callers wait for one fetch
 * instead of each fetching their own.
 */
export class AccessTokenCache {
  private cached?: { token: string; expiresAt: number };
  private inFlight?: Promise<string>;

  constructor(
    private readonly clock: Clock,
    private readonly issue: () => Promise<IssuedToken>,
  ) {}

  get(): Promise<string> {
    if (this.cached && this.cached.expiresAt > this.clock.now().getTime()) {
      return Promise.resolve(this.cached.token);
    }
    this.inFlight ??= this.fetchToken().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** Forget a token the platform refused; a later get() fetches a new one (once, however many callers). */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  private async fetchToken(): Promise<string> {
    const { token, expiresInSeconds } = await this.issue();
    this.cached = { token, expiresAt: this.clock.now().getTime() + expiresInSeconds * 1000 - EXPIRY_MARGIN_MS };
    return token;
  }
}

/** The new API's token (POST /v1.0/oauth2/accessToken → accessToken, expireIn), sent as x-acs-dingtalk-access-token. */
export async function issueApiToken(apiBase: string, source: AccessTokenSource): Promise<IssuedToken> {
  const body = await postJson('accessToken', `${apiBase}/v1.0/oauth2/accessToken`, { appKey: source.appKey, appSecret: source.appSecret });
  const { accessToken, expireIn } = body as { accessToken?: unknown; expireIn?: unknown };
  if (typeof accessToken !== 'string' || accessToken === '' || typeof expireIn !== 'number') {
    throw new DingTalkDeliveryError('accessToken', 'unexpected response');
  }
  return { token: accessToken, expiresInSeconds: expireIn };
}

/**
 * The old API's token (GET oapi /gettoken?appkey&appsecret → access_token, expires_in), the documented
 * credential of oapi calls such as media/upload; the two hosts' tokens are kept apart.
 */
export async function issueOapiToken(oapiBase: string, source: AccessTokenSource): Promise<IssuedToken> {
  const url = new URL(`${oapiBase}/gettoken`);
  url.searchParams.set('appkey', source.appKey);
  url.searchParams.set('appsecret', source.appSecret);
  const body = await getJson('gettoken', url.toString());
  assertErrcodeZero('gettoken', body);
  const { access_token: token, expires_in: expiresIn } = body as { access_token?: unknown; expires_in?: unknown };
  if (typeof token !== 'string' || token === '' || typeof expiresIn !== 'number') {
    throw new DingTalkDeliveryError('gettoken', 'unexpected response');
  }
  return { token, expiresInSeconds: expiresIn };
}
