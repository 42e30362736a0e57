import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { errorSummary, type Logger } from '../kernel/logger';
import type { LongConnection } from './long-connection';

/**
 * Who may hold a platform connection now. One claim per lease period (`lease:<name>:<period>`, a unique insert,
 * backed by the store's claims and injected by the app): the holder claims the next period before its own ends,
 * so it keeps the connection; when it dies, the first process to ask in the next period takes over.
 */
export interface ConnectionLeases {
  /** Claims period `period` of lease `name` for this process; true when this process holds it (now or from before). */
  hold(name: string, period: number): Promise<boolean>;
}

/** A name for this process as a lease holder, unique among the bot's processes. */
export function processHolderId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/**
 * Keeps a LongConnection open only while this process holds its lease. Several bot processes may run: one
 * holds the connection, the others stand by (and still write pushes to the outbox, which the holder delivers).
 */
export class LeasedConnection {
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly name: string,
    private readonly connection: LongConnection,
    private readonly leases: ConnectionLeases,
    private readonly leaseMs: number,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    this.running = true;
    this.connection.mark('standby');
    await this.renew();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
    this.connection.stop();
  }

  private async renew(): Promise<void> {
    if (!this.running) return;
    const now = Date.now();
    const period = Math.floor(now / this.leaseMs);
    try {
      let held = await this.leases.hold(this.name, period);
      // The holder takes the next period in its second half, before anyone else may ask for it.
      if (held && now - period * this.leaseMs >= this.leaseMs / 2) held = await this.leases.hold(this.name, period + 1);
      this.follow(held);
    } catch (err) {
      this.logger.warn({ connection: this.name, err: errorSummary(err) }, 'connection lease not renewed');
    }
    if (this.running) this.timer = setTimeout(() => void this.renew(), Math.max(50, this.leaseMs / 4));
  }

  private follow(held: boolean): void {
    const state = this.connection.snapshot().state;
    // Kicked (the platform took the connection for a newer one) while holding the lease: the newer one is a
    // stale holder, which stands by at its next renewal, so take the connection back.
    if (held && (state === 'standby' || state === 'stopped' || state === 'kicked')) {
      this.logger.info({ connection: this.name }, 'connection lease held: connecting');
      this.connection.start();
    } else if (!held && state !== 'standby') {
      this.logger.info({ connection: this.name }, 'connection lease held elsewhere: standing by');
      this.connection.stop('standby');
    }
  }
}
