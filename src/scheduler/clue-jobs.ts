import type { Services } from '../domain/services';
import type { ScheduledJob } from './scheduler';

/** Clues not accepted within their period remind the receiving agency's organizers (issue 5). */
export function clueJobs(services: Services): ScheduledJob[] {
  return [{ name: 'clue-acceptance-overdue', run: async (at) => void (await services.clues.remindOverdueAcceptance(at)) }];
}
