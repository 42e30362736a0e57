import type { Services } from '../domain/services';
import type { ScheduledJob } from './scheduler';

/** Information sharing: reminders of its deadlines (the deadline machinery's runner) and its monthly duties. */
export function sharingJobs(services: Services): ScheduledJob[] {
  return [
    { name: 'court-supervision-reminders', run: async (at) => void (await services.courtSupervision.remindDue(at)) },
    { name: 'consultation-reminders', run: async (at) => void (await services.consultations.remindDue(at)) },
    { name: 'file-access-reminders', run: async (at) => void (await services.fileAccess.remindDue(at)) },
    { name: 'file-access-expiry', run: async (at) => void (await services.fileAccess.expireDue(at)) },
    { name: 'bulletin-reminders', run: async (at) => void (await services.bulletin.remindMissing(at)) },
  ];
}
