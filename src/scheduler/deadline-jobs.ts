import type { Services } from '../domain/services';
import type { ScheduledJob } from './scheduler';

/** Deadline, meeting and half-year reminders; each writes to the outbox under idempotency keys. */
export function deadlineJobs(services: Services): ScheduledJob[] {
  let recomputed = false;
  return [
    {
      // The holiday table changes only with the config, i.e. at start-up: once per process.
      name: 'deadlines-recompute',
      async run() {
        if (recomputed) return;
        await services.documents.recomputeProvisional();
        recomputed = true;
      },
    },
    { name: 'deadline-reminders', run: async (at) => void (await services.documents.remindDue(at)) },
    { name: 'escalation-ladder', run: async (at) => void (await services.ladder.run(at)) },
    { name: 'receipt-escalation', run: async (at) => void (await services.documents.escalateUnsigned(at)) },
    { name: 'meeting-reminders', run: async (at) => void (await services.meetings.remindDue(at)) },
    { name: 'liaison-meeting-nag', run: async (at) => void (await services.meetings.nagUnscheduled(at)) },
  ];
}
