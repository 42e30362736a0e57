import type { Stores } from '../../../src/store/stores';
import { MemoryClaimStore } from './claims';
import { MemoryClueAuditStore } from './clue-audit';
import { MemoryClueStore } from './clues';
import { MemoryDocumentStore } from './documents';
import { MemoryInspectionStore } from './inspections';
import { MemoryReportStore } from './reports';
import { MemoryInboxStore } from './inbox';
import { MemoryMeetingStore } from './meetings';
import { MemoryOutboxStore } from './outbox';
import { MemoryReportFileStore } from './report-files';
import { MemoryRosterStore } from './roster';
import { MemorySequenceStore } from './sequences';
import { MemorySessionStore } from './sessions';
import { MemoryCourtSupervisionStore } from './court-supervision';
import { MemoryConsultationStore } from './consultations';
import { MemoryFileAccessStore } from './file-access';
import { MemoryEnforcementFiguresStore } from './enforcement-figures';
import { MemoryReviewOutcomeStore } from './review-outcomes';
import { MemoryAccountabilityStore } from './accountability';
import { MemoryMediationStore } from './mediation';
import { MemoryCardHandleStore } from './cards';
import { MemoryClueAttachmentStore } from './clue-attachments';
import { MemoryLinkTokenStore } from './link-tokens';

/**
 * In-memory stores with the semantics of the mongoose ones (unique keys, exactly-once claims),
 * for unit tests of bots, wizards and services. Integration tests use the real database.
 */
export function createMemoryStores() {
  const claims = new MemoryClaimStore();
  const documents = new MemoryDocumentStore(claims);
  const inspections = new MemoryInspectionStore(claims);
  const clues = new MemoryClueStore(claims);
  const meetings = new MemoryMeetingStore();
  return {
    sessions: new MemorySessionStore(),
    inbox: new MemoryInboxStore(),
    outbox: new MemoryOutboxStore(claims),
    claims,
    sequences: new MemorySequenceStore(),
    clues,
    clueAudit: new MemoryClueAuditStore(),
    clueAttachments: new MemoryClueAttachmentStore(),
    roster: new MemoryRosterStore(),
    meetings,
    reportFiles: new MemoryReportFileStore(),
    linkTokens: new MemoryLinkTokenStore(),
    documents,
    inspections,
    reports: new MemoryReportStore({ documents, inspections, clues: () => clues.records, meetings: () => [...meetings.meetings.values()] }),
    courtSupervision: new MemoryCourtSupervisionStore(claims),
    consultations: new MemoryConsultationStore(claims),
    fileAccess: new MemoryFileAccessStore(claims),
    enforcementFigures: new MemoryEnforcementFiguresStore(),
    reviewOutcomes: new MemoryReviewOutcomeStore(),
    accountability: new MemoryAccountabilityStore(claims),
    mediation: new MemoryMediationStore(claims),
    cardHandles: new MemoryCardHandleStore(),
  } satisfies Stores;
}

export type MemoryStores = ReturnType<typeof createMemoryStores>;
