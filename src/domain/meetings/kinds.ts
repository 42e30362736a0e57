import type { MeetingKind } from '../../store/meetings';

const KIND_NAMES: Record<MeetingKind, string> = { liaison: '联席会议', special: '专题会议' };

/** 联席会议 / 专题会议: how replies, reminders and the export name a kind. */
export function meetingKindName(kind: MeetingKind): string {
  return KIND_NAMES[kind];
}

/** The chat command that schedules a meeting of this kind (安排联席会议 …). */
export function scheduleCommandName(kind: MeetingKind): string {
  return `安排${KIND_NAMES[kind]}`;
}
