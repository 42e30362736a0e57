import type { Clock } from '../../kernel/clock';
import type { AppConfig } from '../../config';
import type { Logger } from '../../kernel/logger';
import type { WorkingCalendar } from '../deadlines';
import type { Notifier } from '../notifier';
import type { RosterService } from '../roster/roster-service';
import { ClueService } from './clue-service';
import type { Organization } from '../organization';
import type { Stores } from '../../store/stores';
import { FieldCipher } from '../../kernel/field-cipher';
import type { DownloadMedia } from '../../kernel/media';
import { ClueAttachments } from './attachments';
import type { LinkTokens } from '../links/link-tokens';

interface Parts {
  config: AppConfig;
  clock: Clock;
  logger: Logger;
  roster: RosterService;
  notifier: Notifier;
  calendar: WorkingCalendar;
  org: Organization;
  stores: Pick<Stores, 'clues' | 'clueAudit' | 'clueAttachments'>;
  /** Fetches an inbound image, file or voice message from its platform. */
  downloadMedia: DownloadMedia;
  links: LinkTokens;
}

export function createClueService({ config, clock, logger, roster, notifier, calendar, org, stores, downloadMedia, links }: Parts): ClueService {
  if (config.clueKeys.developmentKey) {
    logger.warn(
      'CLUE_ENCRYPTION_KEY is not set: clues are encrypted with the built-in DEVELOPMENT key, which anyone can read. Set CLUE_ENCRYPTION_KEY (openssl rand -base64 32) before real use.',
    );
  }
  const cipher = new FieldCipher(config.clueKeys.keyring);
  return new ClueService({
    cipher,
    attachments: new ClueAttachments({ store: stores.clueAttachments, cipher, config: config.attachments, download: downloadMedia, links, clock }),
    routing: config.routing,
    org,
    clues: stores.clues,
    clueAudit: stores.clueAudit,
    clock,
    notifier,
    roster,
    calendar,
    acceptancePeriod: config.deadlines.clueAcceptance,
    casework: config.casework,
    reminderTime: config.reminders.deadlines.time,
    lateAfterMinutes: config.reminders.deadlines.lateAfterMinutes,
  });
}
