import type { Channel } from '../channels/channel';
import type { Services } from '../domain/services';
import type { ChannelName } from '../kernel/messages';
import type { Logger } from '../kernel/logger';
import type { ScheduledJob } from './scheduler';

/** How many upcoming meetings each pass looks at (soonest first). */
const PAGES = 3;
/** Platform calendars are read every this many minutes (each read is one API call per meeting and platform). */
const EVERY_MINUTES = 10;

/**
 * For meetings still to come: keeps their platform calendar events in step with the invitees (a changed roster makes
 * one update) and records the answers the platforms report (accepted → 参加, declined → 请假) as attendance. A platform
 * that cannot be read now is tried again on the next pass.
 */
export function calendarAttendanceJob(channels: ReadonlyMap<ChannelName, Channel>, services: Services, logger: Logger): ScheduledJob {
  return {
    name: 'calendar-attendance',
    run: async (at) => {
      if (Math.floor(at.getTime() / 60_000) % EVERY_MINUTES !== 0) return;
      for (let page = 1; page <= PAGES; page++) {
        const { items, more } = await services.meetings.upcoming(page);
        for (const meeting of items) {
          await services.meetingCalendars.sync(meeting);
          for (const [name, channel] of channels) {
            if (!channel.eventResponses) continue;
            try {
              await services.meetingCalendars.recordResponses(meeting, name, await channel.eventResponses(meeting.number));
            } catch (error) {
              logger.warn({ channel: name, meeting: meeting.number, err: (error as Error).name }, 'calendar answers not read');
            }
          }
        }
        if (!more) break;
      }
    },
  };
}
