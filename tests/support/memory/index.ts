import type { Stores } from '../../../src/store/stores';
import { MemoryClaimStore } from './claims';
import { MemoryDocumentStore } from './documents';
import { MemoryInspectionStore } from './inspections';
import { MemoryReportStore } from './reports';
import { MemoryInboxStore } from './inbox';
import { MemoryOutboxStore } from './outbox';
import { MemorySequenceStore } from './sequences';
import { MemorySessionStore } from './sessions';

/**
 * In-memory stores with the semantics of the mongoose ones (unique keys, exactly-once claims),
 * for unit tests of bots, wizards and services. Integration tests use the real database.
 */
export function createMemoryStores() {
  const claims = new MemoryClaimStore();
  const documents = new MemoryDocumentStore(claims);
  const inspections = new MemoryInspectionStore(claims);
  return {
    sessions: new MemorySessionStore(),
    inbox: new MemoryInboxStore(),
    outbox: new MemoryOutboxStore(claims),
    claims,
    sequences: new MemorySequenceStore(),
    documents,
    inspections,
    // Clues and meetings come from their memory stores once those exist beside these.
    reports: new MemoryReportStore({ documents, inspections, clues: () => [], meetings: () => [] }),
  } satisfies Stores;
}

export type MemoryStores = ReturnType<typeof createMemoryStores>;
