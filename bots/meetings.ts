import type { Bot, Command } from '../src/conversation/bot';
import {
  CONFIRM_WORD,
  MINUTES_USAGE,
  RESCHEDULE_USAGE,
  SCHEDULE_USAGE,
  parseMinutes,
  parseRescheduleArgs,
  parseScheduleArgs,
} from '../src/domain/meetings/command-args';
import { leadingDate } from '../src/domain/deadlines/event-date';
import { scheduleCommandName } from '../src/domain/meetings/kinds';
import { PAGE_ARGUMENT, pageNumber, pagedReply } from '../src/domain/paging';
import { MEETING_KINDS, type Meeting, type MeetingKind } from '../src/store/meetings';

function scheduleCommand(kind: MeetingKind): Command {
  const command = scheduleCommandName(kind);
  return {
    name: command,
    usage: `${command} ${SCHEDULE_USAGE} — 安排会议并提醒参会人员`,
    example: `${command} 2026-12-18 09:30 县司法局三楼会议室 半年工作通报`,
    permission: 'organizeMeetings',
    match: new RegExp(`^${command}(?:\\s+([\\s\\S]+))?$`),
    handle: async (ctx, match) => {
      const args = match[1] ?? '';
      const outcome = await ctx.services.meetings.schedule(ctx.sender, kind, parseScheduleArgs(command, args));
      if (outcome.kind === 'confirm') {
        return ctx.reply({
          title: '请确认会议日期',
          text: `${outcome.warning}\n确认请发送「${command} ${args.trim()} ${CONFIRM_WORD}」；如需改期，请重新发送「${command}」并填写工作日。`,
          buttons: [`${command} ${args.trim()} ${CONFIRM_WORD}`],
        });
      }
      const { meeting } = outcome;
      ctx.reply(
        `已安排 ${ctx.services.meetings.describe(meeting)}。\n已通知参会人员，会前7天、1天及当天早上将再次提醒。会后请发送「会议纪要 ${meeting.number} <要点>」记录纪要。`,
      );
    },
  };
}

export const meetingsBot: Bot = {
  name: 'meetings',
  topic: '会议',
  commands: [
    ...MEETING_KINDS.map(scheduleCommand),
    {
      name: '会议',
      usage: '会议 [第N页] — 查看近期会议',
      example: '会议',
      match: new RegExp(`^会议${PAGE_ARGUMENT}$`),
      handle: async (ctx, match) => {
        const meetings = await ctx.services.meetings.upcoming(pageNumber(match[1]));
        if (!meetings.items.length && meetings.page === 1)
          return ctx.reply(`近期没有已安排的会议。召集人可发送「${scheduleCommandName('liaison')} ${SCHEDULE_USAGE}」安排。`);
        ctx.reply(pagedReply('会议', '近期会议：', meetings, (m: Meeting) => `• ${ctx.services.meetings.describe(m)}`, ''));
      },
    },
    {
      name: '会议纪要',
      usage: `${MINUTES_USAGE} — 记录纪要`,
      example: '会议纪要 HY-2026-0001 通报上半年线索移送情况\n跟进：nyncj 2026-12-31 完成罚没款缴库',
      permission: 'organizeMeetings',
      match: /^会议纪要\s+(HY-\d{4}-\d{4})\s*([\s\S]*)$/i,
      handle: async (ctx, match) => {
        const { date, rest } = leadingDate(match[2] ?? '');
        const { text, followups } = parseMinutes(rest);
        const { heldOn, followups: created } = await ctx.services.meetings.recordMinutes(ctx.sender, match[1]!, text, followups, date);
        const items = created.map((doc) => `• ${doc.number} ${doc.reference}（${ctx.services.documents.names(doc).recipient}，期限 ${doc.dueDate}）`);
        ctx.reply(
          [`已记录 ${match[1]!.toUpperCase()} 的纪要（召开日期 ${heldOn}）。`, ...(items.length ? ['跟进事项（将按期限提醒责任单位）：', ...items] : [])].join(
            '\n',
          ),
        );
      },
    },
    {
      name: '会议通知',
      usage: '会议通知 <会议编号> — 生成会议通知（Word 文件）',
      example: '会议通知 HY-2026-0001',
      match: /^会议通知\s+(HY-\d{4}-\d{4})$/i,
      handle: async (ctx, match) => ctx.reply(await ctx.services.official.meetingNotice(ctx.sender, match[1]!)),
    },
    {
      name: '纪要文件',
      usage: '纪要文件 <会议编号> — 生成会议纪要（Word 文件，记录纪要后可用）',
      example: '纪要文件 HY-2026-0001',
      match: /^纪要文件\s+(HY-\d{4}-\d{4})$/i,
      handle: async (ctx, match) => ctx.reply(await ctx.services.official.meetingMinutes(ctx.sender, match[1]!)),
    },
    {
      name: '参加',
      usage: '参加 <会议编号> — 回复参加会议',
      example: '参加 HY-2026-0001',
      match: /^参加\s+(HY-\d{4}-\d{4})$/i,
      handle: async (ctx, match) => {
        const meeting = await ctx.services.meetings.answer(ctx.sender, match[1]!, 'attend', '');
        ctx.reply(`已回复参加 ${meeting.number}（${meeting.date} ${meeting.place}）。如有变化，可发送「请假 ${meeting.number} <理由>」。`);
      },
    },
    {
      name: '请假',
      usage: '请假 <会议编号> <理由> — 回复不能参加会议',
      example: '请假 HY-2026-0001 外出执法',
      match: /^请假\s+(HY-\d{4}-\d{4})(?:\s+([\s\S]+))?$/i,
      handle: async (ctx, match) => {
        const meeting = await ctx.services.meetings.answer(ctx.sender, match[1]!, 'leave', match[2] ?? '');
        ctx.reply(`已登记 ${meeting.number} 请假，召集人可以看到您的理由。如能参加，可发送「参加 ${meeting.number}」。`);
      },
    },
    {
      name: '取消会议',
      usage: '取消会议 <会议编号> <理由> — 取消会议并通知参会人员',
      example: '取消会议 HY-2026-0001 主要领导外出',
      permission: 'organizeMeetings',
      match: /^取消会议\s+(HY-\d{4}-\d{4})(?:\s+([\s\S]+))?$/i,
      handle: async (ctx, match) => {
        const meeting = await ctx.services.meetings.cancel(ctx.sender, match[1]!, match[2] ?? '');
        ctx.reply(`已取消 ${meeting.number}（${meeting.date} ${meeting.place}），已通知参会人员，不再提醒。`);
      },
    },
    {
      name: '会议改期',
      usage: `${RESCHEDULE_USAGE} — 改期会议（地点不变可省略）并通知参会人员`,
      example: '会议改期 HY-2026-0001 2026-06-24 15:00 县检察院二楼',
      permission: 'organizeMeetings',
      match: /^会议改期\s+(HY-\d{4}-\d{4})(?:\s+([\s\S]+))?$/i,
      handle: async (ctx, match) => {
        const args = match[2] ?? '';
        const outcome = await ctx.services.meetings.reschedule(ctx.sender, match[1]!, parseRescheduleArgs(args));
        if (outcome.kind === 'confirm') {
          const again = `会议改期 ${match[1]!.toUpperCase()} ${args.trim()} ${CONFIRM_WORD}`;
          return ctx.reply({
            title: '请确认会议日期',
            text: `${outcome.warning}\n确认请发送「${again}」；否则请重新发送「会议改期」并填写工作日。`,
            buttons: [again],
          });
        }
        ctx.reply(`已改期 ${ctx.services.meetings.describe(outcome.meeting)}。\n已通知参会人员，提醒按新日期发送，钉钉和企业微信日程同步更新。`);
      },
    },
    {
      name: '参会情况',
      usage: '参会情况 <会议编号> — 查看参加、请假和未回复的人员',
      example: '参会情况 HY-2026-0001',
      permission: 'organizeMeetings',
      match: /^参会情况\s+(HY-\d{4}-\d{4})$/i,
      handle: async (ctx, match) => ctx.reply(await ctx.services.meetings.attendanceOf(ctx.sender, match[1]!)),
    },
  ],
};
