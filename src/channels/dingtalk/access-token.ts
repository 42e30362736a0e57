import type { Clock } from '../../clock';
import { DingTalkDeliveryError, postJson } from './http';

/** Refresh this long before DingTalk's stated expiry, so a send never starts with a token about to lapse. */
const EXPIRY_MARGIN_MS = 5 * 60 * 1000;

export interface AccessTokenSource {
  apiBase: string;
  appKey: string;
  appSecret: string;
  clock: Clock;
}

/**
 * The app's access token (POST /v1.0/oauth2/accessToken → accessToken, expireIn seconds), cached and shared:
 * concurrent callers wait for one fetch instead of each fetching their own.
 */
export class AccessTokenCache {
  private cached?: { token: string; expiresAt: number };
  private inFlight?: Promise<string>;

  constructor(private readonly source: AccessTokenSource) {}

  get(): Promise<string> {
    if (this.cached && this.cached.expiresAt > this.source.clock.now().getTime()) {
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
    const { apiBase, appKey, appSecret, clock } = this.source;
    const body = await postJson('accessToken', `${apiBase}/v1.0/oauth2/accessToken`, { appKey, appSecret });
    const { accessToken, expireIn } = body as { accessToken?: unknown; expireIn?: unknown };
    if (typeof accessToken !== 'string' || accessToken === '' || typeof expireIn !== 'number') {
      throw new DingTalkDeliveryError('accessToken', 'unexpected response');
    }
    this.cached = { token: accessToken, expiresAt: clock.now().getTime() + expireIn * 1000 - EXPIRY_MARGIN_MS };
    return accessToken;
  }
}
