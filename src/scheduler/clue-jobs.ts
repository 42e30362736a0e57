import type { Services } from '../domain/services';
import type { ScheduledJob } from './scheduler';

/** Clues cut off before their notice get it; clues not accepted within their period remind the receiving agency's organizers (issue 5). */
export function clueJobs(services: Services): ScheduledJob[] {
  return [
    { name: 'clue-announce-interrupted', run: async (at) => void (await services.clues.announceInterrupted(at)) },
    { name: 'clue-acceptance-overdue', run: async (at) => void (await services.clues.remindOverdueAcceptance(at)) },
  ];
}
