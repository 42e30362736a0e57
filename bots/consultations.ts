import type { Bot } from '../src/conversation/bot';
import { parseConsultationArgs } from '../src/domain/consultations/command-args';
import { AGENDA_USAGE, ANSWER_USAGE, countsLine, describe, listLine, REQUEST_USAGE } from '../src/domain/consultations/texts';

/** 协作请求: 法律政策咨询, 复杂案件研究, 重点问题研讨 … between agencies, answered by a deadline. */
export const consultationsBot: Bot = {
  name: 'consultations',
  topic: '协作请求',
  commands: [
    {
      name: '协作请求',
      usage: `${REQUEST_USAGE} — 向其他单位提出咨询、研究或研讨请求`,
      example: '协作请求 sfj 法律政策咨询 违法建筑强制拆除的程序要求 期限 2026-12-20',
      permission: 'consult',
      match: /^协作请求(?:\s+([\s\S]+))?$/,
      handle: async (ctx, match) => {
        const { consultations } = ctx.services;
        const request = await consultations.request(ctx.sender, parseConsultationArgs(match[1] ?? ''));
        ctx.reply(`已发出${describe(request, consultations.nameOf)}\n已通知对方，到期前将提醒。`);
      },
    },
    {
      name: '答复协作',
      usage: `${ANSWER_USAGE} — 答复发给本单位的协作请求`,
      example: '答复协作 XZ-2026-0001 应先行催告并作出强制拆除决定，详见书面意见',
      permission: 'consult',
      match: /^答复协作(?:\s+(\S+))?(?:\s+([\s\S]+))?$/,
      handle: async (ctx, match) => {
        if (!match[1]) return ctx.reply(`请按格式发送：${ANSWER_USAGE}。`);
        const { consultations } = ctx.services;
        const request = await consultations.answer(ctx.sender, match[1], match[2] ?? '');
        ctx.reply(`已答复，已通知${consultations.nameOf(request.from)}。\n${describe(request, consultations.nameOf)}`);
      },
    },
    {
      name: '协作',
      usage: '协作 [编号] — 本单位发出和收到的协作请求及其件数，或一件的详情',
      example: '协作 XZ-2026-0001',
      permission: 'consult',
      match: /^协作(?:\s+(XZ-\d{4}-\d{4}))?$/i,
      handle: async (ctx, match) => {
        const { consultations } = ctx.services;
        if (match[1]) return ctx.reply(describe(await consultations.view(ctx.sender, match[1]), consultations.nameOf));
        const { requests, own, county } = await consultations.overview(ctx.sender);
        const lines = [countsLine('本单位（发出和收到）', own), ...(county ? [countsLine('全县', county)] : [])];
        lines.push(...(requests.length ? requests.map((r) => listLine(r, consultations.nameOf)) : [`暂无协作请求。发出请发送：${REQUEST_USAGE}。`]));
        ctx.reply(lines.join('\n'));
      },
    },
    {
      name: '协作上会',
      usage: `${AGENDA_USAGE} — 将协作请求列为专题会议议题`,
      example: '协作上会 XZ-2026-0001 2026-12-15 09:30 县司法局三楼会议室',
      permission: 'organizeMeetings',
      match: /^协作上会(?:\s+(\S+)\s+(\S+\s+\S+)\s+([\s\S]+))?$/,
      handle: async (ctx, match) => {
        if (!match[1]) return ctx.reply(`请按格式发送：${AGENDA_USAGE}。`);
        const meeting = await ctx.services.consultations.toMeeting(ctx.sender, match[1], match[2]!, match[3]!);
        ctx.reply(`已安排专题会议 ${meeting.number}（${meeting.date}，${meeting.place}），议题：${meeting.topic}。已通知双方。`);
      },
    },
  ],
};
