import { randomBytes } from 'node:crypto';
import type { Clock } from '../../kernel/clock';
import type { ChannelName } from '../../kernel/messages';
import type { ReportFile, ReportFileStore } from '../../store/report-files';

export type FileOwner = { channel: ChannelName; userId: string };

/**
 * Generated charts and exports, each behind an unguessable token that opens only
 * for the person who asked for it and only until it expires.
 */
export class ReportFiles {
  constructor(
    private readonly store: ReportFileStore,
    private readonly clock: Clock,
    private readonly expireMinutes: number,
  ) {}

  async save(owner: FileOwner, kind: ReportFile['kind'], name: string, contentType: string, data: Buffer): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(24).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.expireMinutes * 60_000);
    await this.store.add({ token, kind, owner, name, contentType, data, createdAt: now, expiresAt });
    return { token, expiresAt };
  }

  /** The file, if the token exists, has not expired and belongs to `requester`; otherwise null, whichever the reason. */
  async open(token: string, requester: FileOwner): Promise<ReportFile | null> {
    if (!/^[A-Za-z0-9_-]{32}$/.test(token)) return null;
    const file = await this.store.find(token);
    if (!file || file.expiresAt <= this.clock.now()) return null;
    if (file.owner.channel !== requester.channel || file.owner.userId !== requester.userId) return null;
    return file;
  }

  /**
   * For channels that deliver the bytes themselves (WeCom/DingTalk media upload): the file
   * behind a chart or export URL of a reply, for the person the reply goes to.
   */
  async openUrl(url: string, requester: FileOwner): Promise<ReportFile | null> {
    const token = /^\/reports\/(?:charts|files)\/([A-Za-z0-9_-]{32})(?:\.png)?$/.exec(url)?.[1];
    return token ? this.open(token, requester) : null;
  }

  purgeExpired(now: Date): Promise<number> {
    return this.store.purgeExpired(now);
  }
}
