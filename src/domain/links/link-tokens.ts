import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../kernel/clock';
import type { LinkPurpose, LinkTokenStore } from '../../store/link-tokens';

/** Who a link is for, or who opens one: a person of a channel. Never taken from the link's query string. */
export interface LinkHolder {
  channel: string;
  userId: string;
}

/** 32 random bytes, base64url: 43 characters. */
export const LINK_TOKEN = /^[A-Za-z0-9_-]{43}$/;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** How a token is written in logs: its first 6 characters, never the rest. */
export function redactToken(token: string): string {
  return `${token.slice(0, 6)}…`;
}

/** A request path with every token-like segment (20+ URL-safe characters) cut to its first 6 characters, for logs. */
export function redactPath(path: string): string {
  return path.replace(/[A-Za-z0-9_-]{20,}/g, (segment) => redactToken(segment));
}

/**
 * The path that signs a WeCom/DingTalk user in in their platform's browser and then opens `next` (src/http/sign-in.ts).
 */
export function signInPath(channel: string, next: string): string {
  return `/sign-in/${encodeURIComponent(channel)}?next=${encodeURIComponent(next)}`;
}

/**
 * Link tokens of every link the bot sends (report files, clue attachments, 调阅 materials): unguessable, short-lived,
 * single-purpose. Only the token's hash is stored, bound to the person it was issued to, one purpose and one item; the
 * link carries no identity, and it opens only for that person (identified by their channel, never by the query) until
 * it expires. Every refusal is the same null, whichever the reason.
 */
export class LinkTokens {
  constructor(
    private readonly store: LinkTokenStore,
    private readonly clock: Clock,
  ) {}

  async issue(holder: LinkHolder, purpose: LinkPurpose, item: string, expiresAt: Date): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.store.add({
      hash: hashOf(token),
      purpose,
      item,
      holder: { channel: holder.channel, userId: holder.userId },
      expiresAt,
      createdAt: this.clock.now(),
    });
    return token;
  }

  /** The item a token opens for `opener` under `purpose`, while it is valid; null otherwise. */
  async redeem(token: string, purpose: LinkPurpose, opener: LinkHolder | null): Promise<{ item: string; expiresAt: Date } | null> {
    if (!opener || !LINK_TOKEN.test(token)) return null;
    const record = await this.store.find(hashOf(token));
    if (!record || record.purpose !== purpose || record.expiresAt <= this.clock.now()) return null;
    if (record.holder.channel !== opener.channel || record.holder.userId !== opener.userId) return null;
    return { item: record.item, expiresAt: record.expiresAt };
  }

  /**
   * The channel a valid token of `purpose` was issued to — not the person — so an unidentified browser can be sent to
   * that channel's sign-in; null for anything else. Only a holder of the token learns it.
   */
  async channelOf(token: string, purpose: LinkPurpose): Promise<string | null> {
    if (!LINK_TOKEN.test(token)) return null;
    const record = await this.store.find(hashOf(token));
    if (!record || record.purpose !== purpose || record.expiresAt <= this.clock.now()) return null;
    return record.holder.channel;
  }

  revoke(purpose: LinkPurpose, item: string): Promise<number> {
    return this.store.revoke(purpose, item);
  }

  purgeExpired(now: Date): Promise<number> {
    return this.store.purgeExpired(now);
  }
}
