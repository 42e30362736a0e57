import type { Stores } from '../../../src/store/stores';
import { MemoryClaimStore } from './claims';
import { MemoryClueAuditStore } from './clue-audit';
import { MemoryClueStore } from './clues';
import { MemoryInboxStore } from './inbox';
import { MemoryMeetingStore } from './meetings';
import { MemoryOutboxStore } from './outbox';
import { MemoryReportFileStore } from './report-files';
import { MemoryRosterStore } from './roster';
import { MemorySequenceStore } from './sequences';
import { MemorySessionStore } from './sessions';

/**
 * In-memory stores with the semantics of the mongoose ones (unique keys, exactly-once claims),
 * for unit tests of bots, wizards and services. Integration tests use the real database.
 */
export function createMemoryStores() {
  const claims = new MemoryClaimStore();
  return {
    sessions: new MemorySessionStore(),
    inbox: new MemoryInboxStore(),
    outbox: new MemoryOutboxStore(claims),
    claims,
    sequences: new MemorySequenceStore(),
    clues: new MemoryClueStore(claims),
    clueAudit: new MemoryClueAuditStore(),
    roster: new MemoryRosterStore(),
    meetings: new MemoryMeetingStore(),
    reportFiles: new MemoryReportFileStore(),
  } satisfies Stores;
}

export type MemoryStores = ReturnType<typeof createMemoryStores>;
