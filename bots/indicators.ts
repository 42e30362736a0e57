import type { Bot } from '../src/conversation/bot';

/** 法治政府年度指标: in chat, and as a workbook with a report draft. */
export const indicatorsBot: Bot = {
  name: 'indicators',
  topic: '法治指标',
  commands: [
    {
      name: '年度指标',
      usage: '年度指标 [年份] [单位] — 法治政府年度指标：全县汇总，或一个单位的指标和待补充数据，默认本年',
      example: '年度指标 2026 nyncj',
      permission: 'viewReports',
      match: /^年度指标(?:\s+([\s\S]+))?$/,
      handle: async (ctx, match) => ctx.reply(await ctx.services.indicators.chat(match[1] ?? '')),
    },
    {
      name: '导出年度指标',
      usage: '导出年度指标 <年份> — 下载年度指标工作簿（每单位一页及全县汇总）和年度报告草稿（.docx）',
      example: '导出年度指标 2026',
      permission: 'viewReports',
      match: /^导出年度指标(?:\s+(\S+))?$/,
      handle: async (ctx, match) => {
        for (const reply of await ctx.services.indicators.export({ channel: ctx.sender.channel, userId: ctx.sender.userId }, match[1])) ctx.reply(reply);
      },
    },
  ],
};
