import type { Bot } from '../src/conversation/bot';
import { PERIOD_USAGE } from '../src/domain/reports/period';

/** 概况, 逾期, 简报, 趋势, 导出: what leaders and organizers ask of the mechanism. */
export const leaderQueriesBot: Bot = {
  name: 'leader-queries',
  topic: '统计与简报',
  commands: [
    {
      name: '概况',
      usage: `概况 [期间] — 线索、文书、会议、巡查和整改统计；期间可为${PERIOD_USAGE}，默认本年`,
      example: '概况 本季度',
      groupSafe: true,
      permission: 'viewReports',
      match: /^概况(?:\s+(\S+))?$/,
      handle: async (ctx, match) => ctx.reply(await ctx.services.reports.overview(ctx.sender, match[1])),
    },
    {
      name: '逾期',
      usage: '逾期 [页码] — 全部逾期事项，按到期先后，含升级阶段',
      example: '逾期 第2页',
      permission: 'viewReports',
      match: /^逾期(?:\s*第?\s*(\d{1,4})\s*页?)?$/,
      handle: async (ctx, match) => ctx.reply(await ctx.services.reports.overdue(ctx.sender, Math.max(1, Number(match[1] ?? 1)))),
    },
    {
      name: '简报',
      usage: '简报 [期间] — 按县里通报格式生成联合监督简报，默认本年',
      example: '简报 2026',
      permission: 'viewReports',
      match: /^简报(?:\s+(\S+))?$/,
      handle: async (ctx, match) => ctx.reply(await ctx.services.reports.bulletin(ctx.sender, match[1])),
    },
    {
      name: '趋势',
      usage: '趋势 — 近12个月线索移送与逾期事项趋势图',
      example: '趋势',
      permission: 'viewReports',
      match: /^趋势图?$/,
      handle: async (ctx) => ctx.reply(await ctx.services.reports.trend(ctx.sender)),
    },
    {
      name: '导出',
      usage: '导出 [期间] — 下载Excel工作簿（线索不含保密内容），默认本年',
      example: '导出 上月',
      permission: 'viewReports',
      match: /^导出(?:\s+(\S+))?$/,
      handle: async (ctx, match) => ctx.reply(await ctx.services.reports.export(ctx.sender, match[1])),
    },
    {
      name: '问',
      usage: '问 <问题> — 用大白话问数字，例如「问 上季度各单位检察建议回复率」；以问号结尾也可以',
      example: '问 今年上半年移送检察院的线索有几条',
      permission: 'viewReports',
      // An explicit 问, or a line ending in a question mark (a wizard's answer rarely does).
      match: /^(?:问[\s:：]*([\s\S]{2,100})|([^\n]{2,100}[?？]))$/,
      handle: async (ctx, match) => ctx.reply(await ctx.services.reports.question(ctx.sender, (match[1] ?? match[2])!)),
    },
  ],
};
