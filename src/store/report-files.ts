import type { ChannelName } from '../kernel/messages';

/**
 * A generated chart or export, served by an unguessable token to its requester
 * only and until it expires. Expiry is enforced in code (FerretDB has no TTL);
 * expired rows are purged by a scheduled job.
 */
export interface ReportFile {
  token: string;
  kind: 'chart' | 'export' | 'document';
  owner: { channel: ChannelName; userId: string };
  name: string;
  contentType: string;
  data: Buffer;
  createdAt: Date;
  expiresAt: Date;
}

/** Where charts and exports are kept for their download routes, unique by token. */
export interface ReportFileStore {
  add(file: ReportFile): Promise<void>;
  find(token: string): Promise<ReportFile | null>;
  /** Deletes the files that expired at or before `now`; how many. */
  purgeExpired(now: Date): Promise<number>;
}
