import type { Bot } from '../src/conversation/bot';
import { documentsBot } from './documents';
import { meetingsBot } from './meetings';
import { clueIntakeBot } from './clue-intake';
import { clueDeskBot } from './clue-desk';
import { inspectionsBot } from './inspections';
import { leaderQueriesBot } from './leader-queries';

/**
 * Every capability bot, in the order their commands are matched and listed in 帮助.
 * The help bot is added by the app, since it lists the others.
 */
export const capabilityBots: Bot[] = [clueIntakeBot, clueDeskBot, documentsBot, meetingsBot, inspectionsBot, leaderQueriesBot];
