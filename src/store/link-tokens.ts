/** What a link token opens: one purpose, one item. */
export const LINK_PURPOSES = ['report-file', 'clue-attachment', 'file-access'] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

/**
 * A link token as stored: only the SHA-256 of the token (the token itself is in the link the holder got and
 * nowhere else), bound to the person it was issued to, one purpose and one item, until it expires.
 */
export interface LinkTokenRecord {
  hash: string;
  purpose: LinkPurpose;
  item: string;
  holder: { channel: string; userId: string };
  expiresAt: Date;
  createdAt: Date;
}

/** Link tokens (collection `link_tokens`), unique by hash. Expiry is enforced in code; expired rows are purged. */
export interface LinkTokenStore {
  add(record: LinkTokenRecord): Promise<void>;
  find(hash: string): Promise<LinkTokenRecord | null>;
  /** Ends every token of a purpose and item at once (e.g. a revoked grant); how many. */
  revoke(purpose: LinkPurpose, item: string): Promise<number>;
  purgeExpired(now: Date): Promise<number>;
}
