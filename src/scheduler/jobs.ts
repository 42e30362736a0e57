import type { Services } from '../domain/services';
import type { Scheduler } from './scheduler';
import { deadlineJobs } from './deadline-jobs';
import { clueJobs } from './clue-jobs';
import { reportJobs } from './report-jobs';
import { sharingJobs } from './sharing-jobs';
import { resultsJobs } from './results-jobs';

/** Every scheduled job of the bot: each capability registers its due-item queries here. */
export function registerJobs(scheduler: Scheduler, services: Services): void {
  for (const job of deadlineJobs(services)) scheduler.register(job);
  for (const job of clueJobs(services)) scheduler.register(job);
  for (const job of reportJobs(services)) scheduler.register(job);
  for (const job of sharingJobs(services)) scheduler.register(job);
  for (const job of resultsJobs(services)) scheduler.register(job);
}
