import type { ChannelName } from '../kernel/messages';

/**
 * A generated chart or export, served by an unguessable token to its requester
 * only and until it expires. Expiry is enforced in code (FerretDB has no TTL);
 * expired rows are purged by a scheduled job.
 */
export interface ReportFile {
  token: string;
  kind: 'chart' | 'export';
  owner: { channel: ChannelName; userId: string };
  name: string;
  contentType: string;
  data: Buffer;
  createdAt: Date;
  expiresAt: Date;
}

/**
 * Marks a periodic report as written to the outbox (e.g. `bulletin:2026-10`), so
 * later ticks skip it with one indexed lookup. The outbox keys alone already keep
 * it from going out twice; this only saves rebuilding it every minute.
 */
export interface ReportRun {
  key: string;
  at: Date;
}
