import type { Dispatcher } from '../conversation/dispatcher';
import type { Sessions } from '../conversation/sessions';
import type { Services } from '../domain/services';
import type { ScheduledJob } from './scheduler';

/** Unfinished dialogs (a clue draft, a registration) that sat idle past their expiry end with a notice to their owner, never silently. */
export function sessionExpiryJob(sessions: Sessions, dispatcher: Pick<Dispatcher, 'expiredNotice'>, services: Services): ScheduledJob {
  return {
    name: 'session-expiry',
    run: async (at) =>
      void (await sessions.expire(at, async (owner, state, expiresAt) => {
        const notice = dispatcher.expiredNotice(state);
        const person = notice && (await services.roster.find(owner.channel, owner.userId));
        if (person) await services.notifier.toPeople([person], `session-expired:${expiresAt.getTime()}`, notice);
      })),
  };
}
