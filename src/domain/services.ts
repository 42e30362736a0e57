import type { Clock } from '../kernel/clock';
import type { AppConfig } from '../config';
import type { Logger } from '../kernel/logger';
import type { Stores } from '../store/stores';
import { createWorkingCalendar } from './deadlines/calendar';
import { createClueService } from './clues/create-clue-service';
import { noMediaDownloads, type DownloadMedia } from '../kernel/media';
import type { ClueService } from './clues/clue-service';
import { DocumentService } from './documents/document-service';
import { DocumentKinds } from './documents/kinds';
import { MeetingService } from './meetings/meeting-service';
import { MeetingCalendars } from './meetings/calendar-sync';
import { Notifier } from './notifier';
import { Organization } from './organization';
import { RosterService } from './roster/roster-service';
import { InspectionService } from './inspections/inspection-service';
import { ReportFiles } from './reports/files';
import { LinkTokens } from './links/link-tokens';
import { ReportService } from './reports/report-service';
import { SearchService } from './search/search-service';
import { EscalationLadder } from './documents/escalation-ladder';
import { DocxTemplates } from './official/docx';
import { OfficialDocuments } from './official/official-documents';
import { CourtSupervisionService } from './court-supervision/court-supervision-service';
import { ConsultationService } from './consultations/consultation-service';
import { FileAccessService } from './file-access/file-access-service';
import { BulletinService } from './bulletin/bulletin-service';
import { ReviewOutcomeService } from './review-outcomes/review-service';
import { AccountabilityService } from './accountability/accountability-service';
import { MediationService } from './mediation/mediation-service';
import { IndicatorService } from './indicators/indicator-service';

/** The domain services bots may call. Built once per process. */
export interface Services {
  config: AppConfig;
  clock: Clock;
  logger: Logger;
  org: Organization;
  roster: RosterService;
  notifier: Notifier;
  documents: DocumentService;
  meetings: MeetingService;
  /** The meetings in the platforms' calendars (日程), and the answers given there. */
  meetingCalendars: MeetingCalendars;
  clues: ClueService;
  inspections: InspectionService;
  reports: ReportService;
  ladder: EscalationLadder;
  /** The official documents (.docx) generated from config/templates. */
  templates: DocxTemplates;
  /** Generated official documents, behind links that open for their recipient for `ladder.fileLinkDays`. */
  officialFiles: ReportFiles;
  official: OfficialDocuments;
  courtSupervision: CourtSupervisionService;
  consultations: ConsultationService;
  fileAccess: FileAccessService;
  bulletin: BulletinService;
  reviewOutcomes: ReviewOutcomeService;
  accountability: AccountabilityService;
  mediation: MediationService;
  indicators: IndicatorService;
  /** 查询 across the clues and documents the sender may see. */
  search: SearchService;
}

export function createServices(
  config: AppConfig,
  clock: Clock,
  logger: Logger,
  stores: Stores,
  onEnqueued: () => void,
  downloadMedia: DownloadMedia = noMediaDownloads,
  /** Whether a channel's users sign in in its browser (src/http/sign-in.ts); none for the CLI and unit tests. */
  signsIn: (channel: string) => boolean = () => false,
): Services {
  const roster = new RosterService(stores.roster);
  const notifier = new Notifier(roster, clock, stores.outbox, onEnqueued);
  const calendar = createWorkingCalendar(config.holidays);
  const org = new Organization(config);
  const { deadlines, reminders } = config;
  const kinds = new DocumentKinds(deadlines.documents, reminders.deadlines, org);
  const { lateAfterMinutes } = reminders.deadlines;
  const documents = new DocumentService({
    documents: stores.documents,
    sequences: stores.sequences,
    kinds,
    lateAfterMinutes,
    calendar,
    org,
    roster,
    notifier,
    clock,
    receipt: { signWithinWorkingDays: config.escalation.receipt.signWithinWorkingDays, time: config.escalation.ladder.time },
  });
  const meetingCalendars: MeetingCalendars = new MeetingCalendars({
    meetings: stores.meetings,
    notifier,
    roster,
    clock,
    participants: (meeting) => meetings.participants(meeting),
  });
  const meetings = new MeetingService({
    meetings: stores.meetings,
    reminders,
    org,
    roster,
    notifier,
    clock,
    documents,
    sequences: stores.sequences,
    calendar,
    calendars: meetingCalendars,
  });
  const links = new LinkTokens(stores.linkTokens, clock);
  const clues = createClueService({ config, clock, logger, roster, notifier, calendar, org, stores, downloadMedia, links });
  const inspections = new InspectionService({
    inspections: stores.inspections,
    sequences: stores.sequences,
    kinds,
    org,
    lateAfterMinutes,
    calendar,
    roster,
    notifier,
    clock,
  });
  const files = new ReportFiles(stores.reportFiles, links, clock, config.reports.links.expireMinutes);
  const bulletin = new BulletinService({
    store: stores.enforcementFigures,
    config: config.sharing.bulletin,
    lateAfterMinutes,
    org,
    roster,
    notifier,
    clock,
    calendar,
  });
  const reports = new ReportService({
    store: stores.reports,
    reports: config.reports,
    reminders,
    kinds,
    org,
    calendar,
    roster,
    notifier,
    files,
    clock,
    enforcement: bulletin,
  });
  const courtSupervision = new CourtSupervisionService({
    store: stores.courtSupervision,
    sequences: stores.sequences,
    config: config.sharing.courtSupervision,
    reminders: reminders.deadlines,
    lateAfterMinutes,
    calendar,
    org,
    roster,
    notifier,
    clock,
  });
  const consultations = new ConsultationService({
    store: stores.consultations,
    sequences: stores.sequences,
    config: config.sharing.consultation,
    reminders: reminders.deadlines,
    lateAfterMinutes,
    calendar,
    org,
    roster,
    notifier,
    meetings,
    clock,
  });
  const fileAccess = new FileAccessService({
    store: stores.fileAccess,
    sequences: stores.sequences,
    config: config.sharing.fileAccess,
    reminders: reminders.deadlines,
    lateAfterMinutes,
    calendar,
    org,
    roster,
    notifier,
    documents,
    clues,
    attachments: clues.attachments,
    links,
    fontFiles: config.reports.chart.fontFiles,
    maxFiles: config.attachments.maxPerClue,
    clock,
    linkBase: config.env.PUBLIC_BASE_URL ?? '',
    signsIn,
  });
  const reviewOutcomes = new ReviewOutcomeService({
    store: stores.reviewOutcomes,
    config: config.reviewOutcomes,
    org,
    clock,
    files,
    fontFiles: config.reports.chart.fontFiles,
    expireMinutes: config.reports.links.expireMinutes,
  });
  const accountability = new AccountabilityService({
    store: stores.accountability,
    sequences: stores.sequences,
    config: config.accountability,
    reminders: reminders.deadlines,
    lateAfterMinutes,
    calendar,
    org,
    roster,
    notifier,
    clock,
    documents: stores.documents,
    inspections: stores.inspections,
    clueStore: stores.clues,
    clues,
  });
  const mediation = new MediationService({
    store: stores.mediation,
    sequences: stores.sequences,
    config: config.mediation,
    reminders: reminders.deadlines,
    lateAfterMinutes,
    calendar,
    org,
    roster,
    notifier,
    clock,
  });
  const templates = new DocxTemplates(config.dir);
  const indicators = new IndicatorService({
    config: config.indicators,
    pausesWhileReturned: config.casework.pauseWhileReturned,
    reports: stores.reports,
    reviewOutcomes,
    accountability,
    mediation,
    kinds,
    org,
    roster,
    notifier,
    files,
    templates,
    expireMinutes: config.reports.links.expireMinutes,
    clock,
  });
  const { escalation } = config;
  const officialFiles = new ReportFiles(stores.reportFiles, links, clock, escalation.ladder.fileLinkDays * 24 * 60);
  const ladder = new EscalationLadder({
    documents: stores.documents,
    sequences: stores.sequences,
    kinds,
    org,
    roster,
    notifier,
    calendar,
    clock,
    rules: { time: escalation.ladder.time, yellowShare: escalation.ladder.yellow.share, bulletinAfterWorkingDays: escalation.ladder.bulletin.afterWorkingDays },
    lateAfterMinutes: config.reminders.deadlines.lateAfterMinutes,
    numbering: escalation.ladder.red.numbering,
    templates,
    files: officialFiles,
  });
  const official = new OfficialDocuments({
    documents,
    meetings,
    attendance: (number) => stores.meetings.attendance(number),
    templates,
    files: officialFiles,
    org,
    clock,
  });
  return {
    config,
    clock,
    logger,
    org,
    roster,
    notifier,
    documents,
    meetings,
    meetingCalendars,
    clues,
    inspections,
    reports,
    courtSupervision,
    consultations,
    fileAccess,
    bulletin,
    reviewOutcomes,
    accountability,
    mediation,
    indicators,
    search: new SearchService({ clues, documents: stores.documents, kinds, org, clock }),
    ladder,
    templates,
    officialFiles,
    official,
  };
}
