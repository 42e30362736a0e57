import type { ClueAuditAction, ClueAuditStore } from '../../store/clue-audit';
import type { FieldCipher } from '../../kernel/field-cipher';

export interface AuditActor {
  channel: string;
  userId: string;
  name: string;
  agency: string;
}

export interface AuditRecord {
  clueNumber: string;
  action: ClueAuditAction;
  channel: string;
  at: Date;
  actor: AuditActor;
}

const ACTOR_CONTEXT = 'clue-audit-actor';

/** The append-only log of who saw or changed which clue, when, through which channel. */
export class ClueAuditLog {
  constructor(
    private readonly cipher: FieldCipher,
    private readonly store: ClueAuditStore,
  ) {}

  async append(clueNumber: string, action: ClueAuditAction, actor: AuditActor, channel: string, at: Date): Promise<void> {
    const { channel: actorChannel, userId, name, agency } = actor;
    const sealedActor = this.cipher.encrypt(JSON.stringify({ channel: actorChannel, userId, name, agency }), ACTOR_CONTEXT);
    await this.store.append({ clueNumber, action, channel, at, actor: sealedActor });
  }

  /** Whether the clue's history holds a line of this action (e.g. its one 'submit'). */
  async has(clueNumber: string, action: ClueAuditAction): Promise<boolean> {
    return (await this.store.entries(clueNumber)).some((row) => row.action === action);
  }

  /** The history of one clue, oldest first, for auditors. */
  async entries(clueNumber: string): Promise<AuditRecord[]> {
    const rows = await this.store.entries(clueNumber);
    return rows.map((row) => ({
      clueNumber: row.clueNumber,
      action: row.action,
      channel: row.channel,
      at: row.at,
      actor: JSON.parse(this.cipher.decrypt(row.actor, ACTOR_CONTEXT)) as AuditActor,
    }));
  }
}
