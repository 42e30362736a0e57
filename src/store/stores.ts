import type { ClaimStore } from './claims';
import type { ClueAuditStore } from './clue-audit';
import type { ClueStore } from './clues';
import type { DocumentStore } from './documents';
import type { InspectionStore } from './inspections';
import type { ReportStore } from './reports';
import type { InboxStore } from './inbox';
import type { MeetingStore } from './meetings';
import type { OutboxStore } from './outbox';
import type { ReportFileStore } from './report-files';
import type { RosterStore } from './roster';
import type { SequenceStore } from './sequences';
import type { SessionStore } from './sessions';
import type { CourtSupervisionStore } from './court-supervision';
import type { ConsultationStore } from './consultations';
import type { FileAccessStore } from './file-access';
import type { EnforcementFiguresStore } from './enforcement-figures';
import type { ReviewOutcomeStore } from './review-outcomes';
import type { AccountabilityStore } from './accountability';
import type { MediationStore } from './mediation';
import type { CardHandleStore } from './cards';
import type { ClueAttachmentStore } from './clue-attachments';
import type { LinkTokenStore } from './link-tokens';

/**
 * Every store the bot uses, one per aggregate, each a small interface of its own file in
 * src/store. The mongoose implementations are in src/store/mongo (createMongoStores); unit
 * tests of bots, wizards and services use the in-memory ones in tests/support/memory.
 */
export interface Stores {
  sessions: SessionStore;
  inbox: InboxStore;
  outbox: OutboxStore;
  claims: ClaimStore;
  sequences: SequenceStore;
  clues: ClueStore;
  clueAudit: ClueAuditStore;
  clueAttachments: ClueAttachmentStore;
  roster: RosterStore;
  meetings: MeetingStore;
  reportFiles: ReportFileStore;
  linkTokens: LinkTokenStore;
  documents: DocumentStore;
  inspections: InspectionStore;
  reports: ReportStore;
  courtSupervision: CourtSupervisionStore;
  consultations: ConsultationStore;
  fileAccess: FileAccessStore;
  enforcementFigures: EnforcementFiguresStore;
  reviewOutcomes: ReviewOutcomeStore;
  accountability: AccountabilityStore;
  mediation: MediationStore;
  cardHandles: CardHandleStore;
}
