import { leadingDate } from '../src/domain/deadlines/event-date';
import type { Bot } from '../src/conversation/bot';
import {
  CLOSE_USAGE,
  INSPECTION_USAGE,
  PROBLEM_USAGE,
  SELF_INSPECTION_USAGE,
  parseInspectionArgs,
  parseProblemArgs,
  parseSelfInspectionArgs,
} from '../src/domain/inspections/command-args';
import { describeInspection, describeItem } from '../src/domain/inspections/texts';
import { PAGE_ARGUMENT, pageNumber, pagedReply } from '../src/domain/paging';
import { inspectionWatchNote } from '../src/domain/review-outcomes/texts';
import type { JointInspection } from '../src/store/inspections';

/** 联合巡查, the problems they find (rectification items with deadlines), and units' self-inspections. */
export const inspectionsBot: Bot = {
  name: 'inspections',
  topic: '巡查与整改',
  commands: [
    {
      name: '登记联合巡查',
      usage: `${INSPECTION_USAGE} — 登记一次联合巡查`,
      example: '登记联合巡查 2026-11-20 nyncj jsj 抽查案卷12',
      permission: 'registerInspections',
      match: /^登记联合巡查(?:\s+([\s\S]+))?$/,
      handle: async (ctx, match) => {
        const { inspections } = ctx.services;
        const inspection = await inspections.register(ctx.sender, parseInspectionArgs(match[1] ?? ''));
        const watch = inspectionWatchNote(await ctx.services.reviewOutcomes.flaggedUnits(), inspection.units, inspections.nameOf);
        ctx.reply(
          [
            `已登记联合巡查 ${describeInspection(inspection, inspections.nameOf, 0)}。`,
            `发现的问题请逐条发送「登记问题 ${inspection.number} <责任单位> <整改期限 YYYY-MM-DD> <问题描述>」，系统将按期限提醒责任单位。`,
            ...(watch ? [watch] : []),
          ].join('\n'),
        );
      },
    },
    {
      name: '登记问题',
      usage: `${PROBLEM_USAGE} — 巡查发现的问题转为整改事项`,
      example: '登记问题 XC-2026-0001 nyncj 2026-12-31 罚没款未按期缴库',
      permission: 'registerInspections',
      match: /^登记问题(?:\s+([\s\S]+))?$/,
      handle: async (ctx, match) => {
        const { inspections } = ctx.services;
        const item = await inspections.addProblem(ctx.sender, parseProblemArgs(match[1] ?? ''));
        ctx.reply(
          `已登记整改事项 ${describeItem(item, inspections.nameOf)}。\n已通知${inspections.nameOf(item.owner)}，到期前和到期日将提醒，逾期升级督办。整改完成后发送「整改销号 ${item.number} <整改情况>」。`,
        );
      },
    },
    {
      name: '整改销号',
      usage: `${CLOSE_USAGE} — 整改事项完成销号`,
      example: '整改销号 ZG-2026-0001 罚没款已全部缴库',
      permission: 'registerInspections',
      match: /^整改销号(?:\s+(\S+))?(?:\s+([\s\S]+))?$/,
      handle: async (ctx, match) => {
        if (!match[1]) return ctx.reply(`请按格式发送：${CLOSE_USAGE}。`);
        const { date, rest } = leadingDate(match[2] ?? '');
        const item = await ctx.services.inspections.close(ctx.sender, match[1], rest, date);
        ctx.reply(`已销号 ${describeItem(item, ctx.services.inspections.nameOf)}。提醒已停止，已通知相关单位。`);
      },
    },
    {
      name: '登记自查',
      usage: `${SELF_INSPECTION_USAGE} — 执法单位本月已结处罚案件自查情况`,
      example: '登记自查 nyncj 120 8',
      permission: 'registerInspections',
      match: /^登记自查(?:\s+([\s\S]+))?$/,
      handle: async (ctx, match) => {
        const { inspections } = ctx.services;
        const report = await inspections.reportSelfInspection(ctx.sender, parseSelfInspectionArgs(match[1] ?? ''));
        ctx.reply(
          `已登记${inspections.nameOf(report.unit)} ${report.month} 自查：自查案件${report.casesChecked}件，发现未执行${report.unexecuted}件。同月再次登记将覆盖本次数字。`,
        );
      },
    },
    {
      name: '巡查',
      usage: '巡查 [巡查编号|第N页] — 最近的联合巡查，或一次巡查的整改事项',
      example: '巡查 XC-2026-0001',
      permission: 'registerInspections',
      match: new RegExp(`^巡查(?:\\s+(XC-\\d{4}-\\d{4})|${PAGE_ARGUMENT})$`, 'i'),
      handle: async (ctx, match) => {
        const { inspections } = ctx.services;
        if (match[1]) {
          const { inspection, items } = await inspections.view(match[1]);
          const lines = items.map((item) => `• ${describeItem(item, inspections.nameOf)}`);
          return ctx.reply([describeInspection(inspection, inspections.nameOf, items.length), ...(lines.length ? lines : ['尚未登记问题。'])].join('\n'));
        }
        const recent = await inspections.recent(pageNumber(match[2]));
        if (!recent.items.length && recent.page === 1) return ctx.reply(`还没有登记联合巡查。请发送「${INSPECTION_USAGE}」登记。`);
        const counts = await inspections.problemCounts(recent.items.map((i) => i.number));
        const watch = inspectionWatchNote(
          await ctx.services.reviewOutcomes.flaggedUnits(),
          recent.items.flatMap((i) => i.units),
          inspections.nameOf,
        );
        const line = (i: JointInspection) => `• ${describeInspection(i, inspections.nameOf, counts.get(i.number) ?? 0)}`;
        ctx.reply(pagedReply('巡查', '最近的联合巡查：', recent, line, `${watch ? `${watch}\n` : ''}发送「巡查 <编号>」查看整改事项。`));
      },
    },
  ],
};
