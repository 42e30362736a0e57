import type { Stores } from '../stores';
import { MongoClaimStore } from './claims';
import { MongoClueAuditStore } from './clue-audit';
import { MongoClueStore } from './clues';
import { MongoDocumentStore } from './documents';
import { MongoInspectionStore } from './inspections';
import { MongoReportStore } from './reports';
import { MongoInboxStore } from './inbox';
import { MongoMeetingStore } from './meetings';
import { MongoOutboxStore, type UnreadableRow } from './outbox';
import { MongoReportFileStore } from './report-files';
import { MongoRosterStore } from './roster';
import { MongoSequenceStore } from './sequences';
import { MongoSessionStore } from './sessions';
import { MongoCourtSupervisionStore } from './court-supervision';
import { MongoConsultationStore } from './consultations';
import { MongoFileAccessStore } from './file-access';
import { MongoEnforcementFiguresStore } from './enforcement-figures';
import { MongoReviewOutcomeStore } from './review-outcomes';
import { MongoAccountabilityStore } from './accountability';
import { MongoMediationStore } from './mediation';
import { MongoCardHandleStore } from './cards';
import { MongoClueAttachmentStore } from './clue-attachments';
import { MongoLinkTokenStore } from './link-tokens';

/** The stores on the mongoose connection (MongoDB, or FerretDB in its place). */
export function createMongoStores(options: { onUnreadableOutboxRow?: UnreadableRow } = {}): Stores {
  return {
    sessions: new MongoSessionStore(),
    inbox: new MongoInboxStore(),
    outbox: new MongoOutboxStore(options.onUnreadableOutboxRow),
    claims: new MongoClaimStore(),
    sequences: new MongoSequenceStore(),
    clues: new MongoClueStore(),
    clueAudit: new MongoClueAuditStore(),
    clueAttachments: new MongoClueAttachmentStore(),
    roster: new MongoRosterStore(),
    meetings: new MongoMeetingStore(),
    reportFiles: new MongoReportFileStore(),
    linkTokens: new MongoLinkTokenStore(),
    documents: new MongoDocumentStore(),
    inspections: new MongoInspectionStore(),
    reports: new MongoReportStore(),
    courtSupervision: new MongoCourtSupervisionStore(),
    consultations: new MongoConsultationStore(),
    fileAccess: new MongoFileAccessStore(),
    enforcementFigures: new MongoEnforcementFiguresStore(),
    reviewOutcomes: new MongoReviewOutcomeStore(),
    accountability: new MongoAccountabilityStore(),
    mediation: new MongoMediationStore(),
    cardHandles: new MongoCardHandleStore(),
  };
}
