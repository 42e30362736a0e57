import type { Bot } from '../src/conversation/bot';
import { recordLine } from '../src/domain/review-outcomes/texts';

const REGISTER_USAGE = '登记复议诉讼 <复议|诉讼> <案号> <单位> <决定日期 YYYY-MM-DD> <行为类型> <结果> [原因类别]';

/** 行政复议纠错 and 行政诉讼败诉 records, and 分析 of a unit's rates. */
export const reviewOutcomesBot: Bot = {
  name: 'review-outcomes',
  topic: '复议诉讼',
  commands: [
    {
      name: '登记复议诉讼',
      usage: `${REGISTER_USAGE} — 登记一件已决定的行政复议或行政诉讼案件`,
      example: '登记复议诉讼 复议 嘉政复〔2026〕12号 nyncj 2026-11-20 行政处罚 撤销 事实不清证据不足',
      permission: 'registerReviewOutcomes',
      match: /^登记复议诉讼(?:\s+([\s\S]+))?$/,
      handle: async (ctx, match) => {
        const service = ctx.services.reviewOutcomes;
        const words = (match[1] ?? '').trim().split(/\s+/);
        if (words.length < 6 || words.length > 7) {
          const { actTypes, reasons } = service.config;
          return ctx.reply(`请按格式发送：${REGISTER_USAGE}\n行为类型：${actTypes.join('、')}\n原因类别（纠错、败诉时必填）：${reasons.join('、')}`);
        }
        const [kind, caseNumber, unit, decidedOn, actType, outcome, reason] = words as [string, string, string, string, string, string, string?];
        const record = await service.register(ctx.sender, { kind, caseNumber, unit, decidedOn, actType, outcome, reason });
        ctx.reply(`已登记 ${recordLine(record, service.config, (code) => ctx.services.org.name(code))}。发送「分析」查看各单位纠错率、败诉率。`);
      },
    },
    {
      name: '分析',
      usage: '分析 [单位] [期间] — 各单位复议纠错率、诉讼败诉率、主要原因、与上期对比和图表，默认本年',
      example: '分析 nyncj 2026',
      permission: 'viewReports',
      match: /^分析(?:\s+([\s\S]+))?$/,
      handle: async (ctx, match) =>
        ctx.reply(await ctx.services.reviewOutcomes.analysisMessage({ channel: ctx.sender.channel, userId: ctx.sender.userId }, match[1] ?? '')),
    },
  ],
};
