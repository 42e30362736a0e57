import { randomUUID } from 'node:crypto';
import type { Clock } from '../../kernel/clock';
import type { ChannelName } from '../../kernel/messages';
import type { ReportFile, ReportFileStore } from '../../store/report-files';
import type { LinkHolder, LinkTokens } from '../links/link-tokens';

export type FileOwner = { channel: ChannelName; userId: string };

/** The link paths of report files; the token is a link token (src/domain/links). */
const REPORT_FILE_URL = /^\/reports\/(?:charts|files)\/([A-Za-z0-9_-]{43})(?:\.png)?$/;

/**
 * Generated charts and exports, each behind a link token that opens only for the person who asked for it
 * (identified by their channel, never by the link) and only until it expires.
 */
export class ReportFiles {
  constructor(
    private readonly store: ReportFileStore,
    private readonly links: LinkTokens,
    private readonly clock: Clock,
    private readonly expireMinutes: number,
  ) {}

  /** Stores the file under an internal id and returns the link token for its owner. */
  async save(owner: FileOwner, kind: ReportFile['kind'], name: string, contentType: string, data: Buffer): Promise<{ token: string; expiresAt: Date }> {
    const id = randomUUID();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.expireMinutes * 60_000);
    // `token` of the stored file is its internal id: the link token is another value, stored only as a hash.
    await this.store.add({ token: id, kind, owner, name, contentType, data, createdAt: now, expiresAt });
    return { token: await this.links.issue(owner, 'report-file', id, expiresAt), expiresAt };
  }

  /** The file, if the token is valid and was issued to `requester`; otherwise null, whichever the reason. */
  async open(token: string, requester: LinkHolder | null): Promise<ReportFile | null> {
    const granted = await this.links.redeem(token, 'report-file', requester);
    if (!granted) return null;
    const file = await this.store.find(granted.item);
    if (!file || file.expiresAt <= this.clock.now()) return null;
    return file;
  }

  /**
   * For channels that deliver the bytes themselves (WeCom/DingTalk media upload): the file
   * behind a chart or export URL of a reply, for the person the reply goes to.
   */
  async openUrl(url: string, requester: FileOwner): Promise<ReportFile | null> {
    const token = REPORT_FILE_URL.exec(url)?.[1];
    return token ? this.open(token, requester) : null;
  }

  async purgeExpired(now: Date): Promise<number> {
    await this.links.purgeExpired(now);
    return this.store.purgeExpired(now);
  }
}
