import type { Bot } from '../src/conversation/bot';
import type { Services } from '../src/domain/services';
import { documentsBot } from './documents';
import { meetingsBot } from './meetings';
import { clueIntakeBot } from './clue-intake';
import { clueDeskBot } from './clue-desk';
import { clueAttachmentsBot } from './clue-attachments';
import { inspectionsBot } from './inspections';
import { leaderQueriesBot } from './leader-queries';
import { courtSupervisionBot } from './court-supervision';
import { consultationsBot } from './consultations';
import { fileAccessBot } from './file-access';
import { bulletinBot } from './bulletin';
import { reviewOutcomesBot } from './review-outcomes';
import { accountabilityBot } from './accountability';
import { mediationBot } from './mediation';
import { indicatorsBot } from './indicators';
import { searchBot } from './search';

/**
 * Every capability bot, in the order their commands are matched and listed in 帮助; the documents
 * bot's registration commands come from the configured document kinds. The help bot is added by
 * the app, since it lists the others.
 */
export function capabilityBots(services: Pick<Services, 'documents'>): Bot[] {
  return [
    clueIntakeBot,
    clueDeskBot,
    clueAttachmentsBot,
    documentsBot(services.documents.kinds),
    meetingsBot,
    inspectionsBot,
    leaderQueriesBot,
    courtSupervisionBot,
    consultationsBot,
    fileAccessBot,
    bulletinBot,
    reviewOutcomesBot,
    accountabilityBot,
    mediationBot,
    indicatorsBot,
    searchBot,
  ];
}
