import type { Services } from '../domain/services';
import type { ScheduledJob } from './scheduler';

/** Reminders of the results of supervision (issue 18): accountability and mediation deadlines, the annual indicators report. */
export function resultsJobs(services: Services): ScheduledJob[] {
  return [
    { name: 'accountability-reminders', run: async (at) => void (await services.accountability.remindDue(at)) },
    { name: 'mediation-reminders', run: async (at) => void (await services.mediation.remindDue(at)) },
    { name: 'indicators-report-reminder', run: async (at) => void (await services.indicators.remindReportDue(at)) },
  ];
}
