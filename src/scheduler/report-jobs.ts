import type { Services } from '../domain/services';
import type { ScheduledJob } from './scheduler';

/** The monthly 定期通报, rectification reminders, and clearing expired chart/export links. */
export function reportJobs(services: Services): ScheduledJob[] {
  return [
    { name: 'regular-bulletin', run: async (at) => void (await services.reports.sendRegularBulletin(at)) },
    { name: 'rectification-reminders', run: async (at) => void (await services.inspections.remindDue(at)) },
    { name: 'report-files-purge', run: async (at) => void (await services.reports.files.purgeExpired(at)) },
  ];
}
