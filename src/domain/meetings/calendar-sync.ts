import { createHash } from 'node:crypto';
import type { Clock } from '../../kernel/clock';
import type { ChannelName, EventResponse, PlatformEvent } from '../../kernel/messages';
import type { Person } from '../../kernel/people';
import { localTimeOf } from '../../kernel/time/local-time';
import type { Meeting, MeetingStore } from '../../store/meetings';
import type { Notifier } from '../notifier';
import type { RosterService } from '../roster/roster-service';
import { calendarName } from './attendance';
import { meetingKindName } from './kinds';

/** The platforms whose calendars (日程) hold the meetings: DingTalk and WeCom. */
export const CALENDAR_CHANNELS: readonly ChannelName[] = ['dingtalk', 'wecom'];
/** A meeting is shown as two hours long (a meeting has a start only). */
const MEETING_LENGTH_MS = 2 * 60 * 60_000;
/** The platform calendars remind the day before and a quarter of an hour before. */
const REMIND_MINUTES_BEFORE = [24 * 60, 15];

export interface MeetingCalendarDeps {
  meetings: MeetingStore;
  notifier: Notifier;
  roster: RosterService;
  clock: Clock;
  /** Everyone the meeting notice goes to (MeetingService.participants). */
  participants(meeting: Meeting): Promise<Person[]>;
}

/**
 * Keeps each scheduled meeting in the invitees' platform calendars (DingTalk 日程, WeCom 日程) through the outbox: one
 * event per platform, organized by the meeting's creator when they use that platform (else its first invitee there).
 * A row's key is the event's content (hash), so the same content is enqueued once and a change (new invitees) makes
 * one update; cancelling enqueues the deletion. Answers the platforms report are recorded as attendance.
 */
export class MeetingCalendars {
  constructor(private readonly deps: MeetingCalendarDeps) {}

  /** Creates the meeting's events, or updates them when what they show changed. */
  async sync(meeting: Meeting): Promise<number> {
    return this.enqueue(meeting, false);
  }

  /** Deletes the meeting's events (取消会议). */
  async cancel(meeting: Meeting): Promise<number> {
    return this.enqueue(meeting, true);
  }

  private async enqueue(meeting: Meeting, cancelled: boolean): Promise<number> {
    const people = await this.deps.participants(meeting);
    let rows = 0;
    for (const channel of CALENDAR_CHANNELS) {
      const invitees = people.filter((p) => p.channel === channel);
      if (invitees.length === 0) continue;
      const organizer = invitees.find((p) => p.userId === meeting.createdBy.userId && meeting.createdBy.channel === channel) ?? invitees[0]!;
      const event = this.eventOf(meeting, [...new Set(invitees.map((p) => p.userId))], cancelled);
      // A move counts in the version: a meeting moved back to an earlier time is updated again.
      const version = cancelled
        ? 'cancelled'
        : createHash('sha256')
            .update(JSON.stringify(event))
            .update(meeting.moves ? `:${meeting.moves}` : '')
            .digest('hex')
            .slice(0, 16);
      rows += await this.deps.notifier.toPeople([organizer], `calendar:${meeting.number}:${version}`, { text: event.summary, event });
    }
    return rows;
  }

  private eventOf(meeting: Meeting, attendees: string[], cancelled: boolean): PlatformEvent {
    const name = meetingKindName(meeting.kind);
    return {
      id: meeting.number,
      summary: `${name} ${meeting.number}`,
      description: `${name}：${meeting.date} ${localTimeOf(meeting.startsAt)}，${meeting.place}${meeting.topic ? `；议题：${meeting.topic}` : ''}。请在机器人中回复「参加 ${meeting.number}」或「请假 ${meeting.number} <理由>」。`,
      startsAt: meeting.startsAt.getTime(),
      endsAt: meeting.startsAt.getTime() + MEETING_LENGTH_MS,
      location: meeting.place,
      attendees: attendees.sort(),
      remindMinutesBefore: REMIND_MINUTES_BEFORE,
      ...(cancelled && { cancelled: true }),
    };
  }

  /**
   * Records what a platform reports (accepted → 参加, declined → 请假) for invitees of a meeting not yet begun. The more
   * recent explicit answer wins: a report that differs from the platform's last one is newer than any answer in the
   * bot and replaces it; a report unchanged since then leaves a later answer in the bot as it is.
   */
  async recordResponses(meeting: Meeting, channel: ChannelName, responses: EventResponse[]): Promise<number> {
    if (meeting.cancelled || this.deps.clock.now() >= meeting.startsAt) return 0;
    const invited = new Set((await this.deps.participants(meeting)).map((p) => `${p.channel}:${p.userId}`));
    const earlier = new Map((await this.deps.meetings.attendance(meeting.number)).map((a) => [`${a.person.channel}:${a.person.userId}`, a]));
    let recorded = 0;
    for (const response of responses) {
      const key = `${channel}:${response.userId}`;
      const person = invited.has(key) ? await this.deps.roster.find(channel, response.userId) : null;
      if (!person) continue;
      const answer = response.answer === 'accepted' ? 'attend' : 'leave';
      const before = earlier.get(key);
      // Rows from before platformAnswer was kept: a platform answer was the platform's last report.
      const lastReported = before?.platformAnswer ?? (before?.via === 'platform' ? before.answer : undefined);
      if (lastReported === answer) continue;
      await this.deps.meetings.answerAttendance({
        number: meeting.number,
        person: { channel: person.channel, userId: person.userId, name: person.name, agency: person.agency },
        answer,
        ...(answer === 'leave' && { reason: `在${calendarName(channel)}中拒绝` }),
        at: this.deps.clock.now(),
        via: 'platform',
        platformAnswer: answer,
      });
      recorded += 1;
    }
    return recorded;
  }
}
