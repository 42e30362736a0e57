import type { FollowupInput } from '../documents/document-service';
import { Refusal } from '../errors';
import type { RescheduleInput, ScheduleInput } from './meeting-service';

export const SCHEDULE_USAGE = '<YYYY-MM-DD HH:mm> <地点> [议题] [邀请:单位1,单位2]';
export const RESCHEDULE_USAGE = '会议改期 <编号> <YYYY-MM-DD HH:mm> [地点]';
export const MINUTES_USAGE = '会议纪要 <编号> [召开日期 YYYY-MM-DD] <要点>（日期默认会议原定日期；另起一行写「跟进：<单位> <YYYY-MM-DD> <事项>」添加跟进事项）';

const INVITED = /^邀请[:：](.+)$/;
const FOLLOWUP_LINE = /^跟进[:：]\s*(\S+)\s+(\S+)\s+(.+)$/;

/** The word an organizer adds to a scheduling command to keep a date that is a rest day. */
export const CONFIRM_WORD = '确认';

/** `<date> <time> <place> [topic words…] [邀请:a,b] [确认]`. */
export function parseScheduleArgs(command: string, args: string): ScheduleInput {
  const tokens = args.trim().split(/\s+/).filter(Boolean);
  const confirmed = tokens.length > 3 && tokens.at(-1) === CONFIRM_WORD;
  if (confirmed) tokens.pop();
  const invited: string[] = [];
  const rest: string[] = [];
  for (const token of tokens) {
    const match = INVITED.exec(token);
    if (match) invited.push(...match[1]!.split(/[,，、]/).filter(Boolean));
    else rest.push(token);
  }
  const [date, time, place, ...topic] = rest;
  if (!date || !time || !place)
    throw new Refusal(`格式不对。请发送：${command} ${SCHEDULE_USAGE}\n例如：${command} 2026-06-20 09:30 县司法局三楼会议室 上半年工作通报 邀请:nyncj`);
  return { when: `${date} ${time}`, place, topic: topic.join(' '), invited, confirmed };
}

/** `<date> <time> [place] [确认]` after the meeting number of 会议改期. */
export function parseRescheduleArgs(args: string): RescheduleInput {
  const tokens = args.trim().split(/\s+/).filter(Boolean);
  const confirmed = tokens.length > 2 && tokens.at(-1) === CONFIRM_WORD;
  if (confirmed) tokens.pop();
  const [date, time, place, ...extra] = tokens;
  if (!date || !time || extra.length) throw new Refusal(`格式不对。请发送：${RESCHEDULE_USAGE}\n例如：会议改期 HY-2026-0001 2026-06-24 15:00 县检察院二楼`);
  return { when: `${date} ${time}`, ...(place && { place }), confirmed };
}

/** The minutes text, with each `跟进：<unit> <date> <item>` line taken out as a follow-up. */
export function parseMinutes(body: string): { text: string; followups: FollowupInput[] } {
  const followups: FollowupInput[] = [];
  const lines: string[] = [];
  for (const line of body.split('\n').map((l) => l.trim())) {
    if (/^跟进[:：]/.test(line)) {
      const match = FOLLOWUP_LINE.exec(line);
      if (!match) throw new Refusal(`跟进事项「${line}」格式不对，请写成「跟进：<单位> <YYYY-MM-DD> <事项>」。`);
      followups.push({ owner: match[1]!, dueDate: match[2]!, text: match[3]! });
    } else if (line) lines.push(line);
  }
  return { text: lines.join('\n'), followups };
}
