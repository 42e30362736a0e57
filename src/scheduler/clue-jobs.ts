import type { Services } from '../domain/services';
import type { ScheduledJob } from './scheduler';

/** Clues not accepted within their period remind the receiving agency's organizers (issue 5); handling and dispute deadlines remind and escalate (issue 21). */
export function clueJobs(services: Services): ScheduledJob[] {
  return [
    { name: 'clue-acceptance-overdue', run: async (at) => void (await services.clues.remindOverdueAcceptance(at)) },
    { name: 'clue-casework-deadlines', run: async (at) => void (await services.clues.remindCasework(at)) },
  ];
}
