import type { Clock } from '../kernel/clock';
import type { Role } from '../kernel/people';
import { toOutgoing, type Reply } from '../kernel/messages';
import type { Person } from '../kernel/people';
import type { LiveRef, OutboxStore } from '../store/outbox';
import type { RosterService } from './roster/roster-service';

export interface NotifyOptions {
  /** Marks a message that goes out after its intended time (e.g. after downtime). */
  late?: boolean;
  /** The message is written again from its item's state when it goes out (a reminder delivered later says where things stand then). */
  live?: LiveRef;
}

/**
 * Every message the bot sends on its own goes through here into the outbox,
 * one row per recipient keyed `<key>:<channel>:<userId>`: writing the same
 * logical message twice (a repeated tick, a second instance) is a no-op.
 */
export class Notifier {
  constructor(
    private readonly roster: RosterService,
    private readonly clock: Clock,
    private readonly outbox: Pick<OutboxStore, 'enqueue'>,
    private readonly onEnqueued: () => void = () => {},
  ) {}

  async toPeople(people: Person[], key: string, reply: Reply, options: NotifyOptions = {}): Promise<number> {
    const message = toOutgoing(reply);
    const unique = new Map(people.map((p) => [`${p.channel}:${p.userId}`, p]));
    const created = await this.outbox.enqueue(
      [...unique.values()].map((p) => ({
        key: `${key}:${p.channel}:${p.userId}`,
        channel: p.channel,
        userId: p.userId,
        message,
        late: options.late,
        live: options.live,
      })),
      this.clock.now(),
    );
    if (created > 0) this.onEnqueued();
    return created;
  }

  async toAgency(agency: string, roles: readonly Role[], key: string, reply: Reply, options?: NotifyOptions): Promise<number> {
    return this.toPeople(await this.roster.members(agency, roles), key, reply, options);
  }
}
