import type { ClueAuditEntry, ClueAuditStore } from '../clue-audit';
import { ClueAuditModel } from './models/clue-audit';

/** The audit log collection; its model refuses every update and delete. */
export class MongoClueAuditStore implements ClueAuditStore {
  async append({ clueNumber, action, channel, at, actor }: ClueAuditEntry): Promise<void> {
    await ClueAuditModel.create({ clueNumber, action, channel, at, actor });
  }

  entries(clueNumber: string): Promise<ClueAuditEntry[]> {
    return ClueAuditModel.find({ clueNumber }).sort({ at: 1, _id: 1 }).lean<ClueAuditEntry[]>();
  }
}
