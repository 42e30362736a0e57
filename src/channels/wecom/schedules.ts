import type { EventResponse, PlatformEvent } from '../../kernel/messages';
import { DeliveryError, type CardHandles } from '../channel';
import type { WecomApiClient } from './api-client';

/** Schedule ids are kept under this pseudo user: found by the event id alone. */
const EVENT_HANDLES = 'calendar';

/**
 * The invitees' 日程 through a self-built app's schedule API (oa/schedule/*): used by the callback channel, and by
 * the AI-bot channel when a self-built app's credentials are set beside the bot's (the AI bot has no such API).
 */
export class WecomSchedules {
  constructor(
    private readonly api: WecomApiClient,
    private readonly handles?: CardHandles,
  ) {}

  /**
   * Created once (its schedule_id kept under the event id), then updated in place, or cancelled. WeCom documents no
   * idempotent create: a crash between the create and keeping its id can leave one extra schedule.
   */
  async sync(event: PlatformEvent): Promise<void> {
    if (!this.handles) throw new DeliveryError('WeCom schedules need a handle store', false);
    const handleId = `event:${event.id}`;
    const scheduleId = await this.handles.find('wecom', EVENT_HANDLES, handleId);
    if (event.cancelled) {
      if (!scheduleId) throw new DeliveryError('WeCom schedule to cancel not created yet', true);
      await this.api.deleteSchedule(scheduleId);
      return;
    }
    if (scheduleId) return this.api.updateSchedule(scheduleId, event);
    await this.handles.remember('wecom', EVENT_HANDLES, handleId, await this.api.addSchedule(event));
  }

  /** The invitees' answers to a schedule created here (oa/schedule/get → attendees[].response_status). */
  async responses(eventId: string): Promise<EventResponse[]> {
    const scheduleId = await this.handles?.find('wecom', EVENT_HANDLES, `event:${eventId}`);
    if (!scheduleId) return [];
    return (await this.api.scheduleAttendees(scheduleId)).flatMap(({ userid, response_status }): EventResponse[] => {
      if (response_status === 2 || response_status === 3) return [{ userId: userid, answer: 'accepted' }];
      if (response_status === 4) return [{ userId: userid, answer: 'declined' }];
      return [];
    });
  }
}
