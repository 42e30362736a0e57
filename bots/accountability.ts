import type { Bot } from '../src/conversation/bot';
import { defineWizard, type StepResult } from '../src/conversation/wizard';
import type { CaseDraft } from '../src/domain/accountability/accountability-service';
import { caseDetails, caseLine, originText } from '../src/domain/accountability/texts';
import { Refusal } from '../src/domain/errors';
import { enforcementUnit } from '../src/domain/inspections/rules';

const NUMBER = '([A-Za-z]{2}-\\d{4}-\\d{4})';

/** A Refusal becomes the step's error (re-asked); anything else propagates. */
async function attempt<D>(work: () => Promise<D> | D): Promise<StepResult<D>> {
  try {
    return { data: await work() };
  } catch (err) {
    if (err instanceof Refusal) return { error: `${err.message}\n` };
    throw err;
  }
}

// ---- 立案追责: 单位 → 责任人 → 来源 → 事实 → 确认 ----

const filing = defineWizard<Partial<CaseDraft>>({
  id: 'accountability-filing',
  version: 1,
  restartHint: '请重新发送「立案追责」。',
  steps: [
    {
      key: 'unit',
      label: '被追责单位',
      prompt: () => '请输入被追责的执法单位（代码或名称，例如 zhzf 或 县综合行政执法局）：',
      parse: ({ text }, draft, ctx) => attempt(() => ({ ...draft, unit: enforcementUnit(ctx.services.org, text) })),
    },
    {
      key: 'officer',
      label: '责任人',
      prompt: () => '请输入责任人姓名（尚未确定请回复「不详」）。姓名仅司法局办案人员和该单位领导可见：',
      parse: ({ text }, draft) =>
        text.length > 50 ? { error: '姓名不超过50字。' } : { data: { ...draft, officer: ['不详', '无', '未确定'].includes(text) ? '' : text } },
    },
    {
      key: 'origin',
      label: '来源',
      prompt: () => '案件来源：回复「直接」，或未整改的监督通知书编号（TZ-…）、巡查整改事项编号（ZG-…）、已办结线索编号（XS-…）：',
      parse: ({ text }, draft, ctx) => attempt(async () => ({ ...draft, origin: await ctx.services.accountability.resolveOrigin(text) })),
    },
    {
      key: 'facts',
      label: '事实',
      prompt: () => '请简述过错事实（不超过500字）：',
      parse: ({ text }, draft) => (!text || text.length > 500 ? { error: '请填写过错事实，不超过500字。' } : { data: { ...draft, facts: text } }),
    },
  ],
  review: (draft, ctx) => {
    const record = draft as CaseDraft;
    const summary = [
      '请确认立案追责：',
      `单位：${ctx.services.org.name(record.unit)}；责任人：${record.officer || '未确定'}`,
      `来源：${originText(record)}`,
      `事实：${record.facts}`,
      '回复「确认」立案，「修改」更改某一项，「取消」放弃。',
    ].join('\n');
    return { data: draft, summary };
  },
  submit: async (draft, ctx) => {
    const record = await ctx.services.accountability.file(ctx.sender, draft as CaseDraft);
    ctx.reply(
      `已立案 ${record.number}，调查期限 ${record.investigationDue}，到期前将提醒。\n作出决定：「追责决定 ${record.number} <措施>」；延长：「延长调查 ${record.number} <理由>」；涉嫌违纪或职务违法：「移送纪委 ${record.number} <理由>」。`,
    );
  },
});

function words(match: RegExpMatchArray): { number: string; rest: string } {
  return { number: match[1]!.toUpperCase(), rest: (match[2] ?? '').trim() };
}

/** 过错责任追究: filing, investigation deadline and extension, decision, objection window, closing, hand-over to jw. */
export const accountabilityBot: Bot = {
  name: 'accountability',
  topic: '执法过错追责',
  wizards: [filing],
  commands: [
    {
      name: '立案追责',
      usage: '立案追责 — 对执法单位（及责任人）立案追究过错责任（逐项填写）',
      example: '立案追责',
      permission: 'handleAccountability',
      match: /^立案追责$/,
      handle: async (ctx) => {
        ctx.services.accountability.assertMayHandle(ctx.sender);
        await filing.start(ctx, {}, { before: '开始立案追责（随时发送「取消」退出）。' });
      },
    },
    {
      name: '追责',
      usage: '追责 [编号] — 在办的过错责任追究案件，或一件案件的详情',
      example: '追责 ZR-2026-0001',
      match: /^追责(?:\s+(ZR-\d{4}-\d{4}))?$/i,
      handle: async (ctx, match) => {
        const service = ctx.services.accountability;
        if (match[1]) {
          const { record, showName } = await service.view(ctx.sender, match[1]);
          return ctx.reply(caseDetails(record, service.nameOf, showName));
        }
        const open = await service.openCases(ctx.sender);
        if (!open.length) return ctx.reply('没有您可查看的在办追责案件。');
        ctx.reply(['在办的过错责任追究案件：', ...open.map((r) => `• ${caseLine(r, service.nameOf, service.showsName(ctx.sender, r))}`)].join('\n'));
      },
    },
    {
      name: '延长调查',
      usage: '延长调查 <编号> <理由> — 延长追责案件的调查期限',
      example: '延长调查 ZR-2026-0001 需调取执法记录仪视频',
      permission: 'handleAccountability',
      match: new RegExp(`^延长调查\\s+${NUMBER}(?:\\s+([\\s\\S]+))?$`),
      handle: async (ctx, match) => {
        const { number, rest } = words(match);
        const record = await ctx.services.accountability.extend(ctx.sender, number, rest);
        ctx.reply(`已延长 ${record.number} 的调查期限至 ${record.investigationDue}。`);
      },
    },
    {
      name: '追责决定',
      usage: '追责决定 <编号> <措施，可并用> [；说明] — 作出追责决定，开始异议期',
      example: '追责决定 ZR-2026-0001 通报批评 书面检查；未按期整改',
      permission: 'handleAccountability',
      match: new RegExp(`^追责决定\\s+${NUMBER}(?:\\s+([\\s\\S]+))?$`),
      handle: async (ctx, match) => {
        const { number, rest } = words(match);
        const [measureText = '', ...note] = rest.split(/[；;]/);
        const service = ctx.services.accountability;
        const record = await service.decide(ctx.sender, number, service.parseMeasures(measureText), note.join('；'));
        ctx.reply(
          `已对 ${record.number} 作出决定：${record.decision!.measures.join('、')}。责任人异议期至 ${record.objectionDue}，届满前将提醒；届满后发送「追责结案 ${record.number}」。`,
        );
      },
    },
    {
      name: '追责异议',
      usage: '追责异议 <编号> <异议内容> — 登记责任人在异议期内提出的异议',
      example: '追责异议 ZR-2026-0001 认为整改逾期系客观原因',
      permission: 'handleAccountability',
      match: new RegExp(`^追责异议\\s+${NUMBER}(?:\\s+([\\s\\S]+))?$`),
      handle: async (ctx, match) => {
        const { number, rest } = words(match);
        const record = await ctx.services.accountability.object(ctx.sender, number, rest);
        ctx.reply(`已登记 ${record.number} 的异议。复核后请发送「追责结案 ${record.number} <复核结果>」。`);
      },
    },
    {
      name: '追责结案',
      usage: '追责结案 <编号> [说明] — 异议期届满或异议复核后结案',
      example: '追责结案 ZR-2026-0001 决定已执行',
      permission: 'handleAccountability',
      match: new RegExp(`^追责结案\\s+${NUMBER}(?:\\s+([\\s\\S]+))?$`),
      handle: async (ctx, match) => {
        const { number, rest } = words(match);
        const record = await ctx.services.accountability.close(ctx.sender, number, rest);
        ctx.reply(`已结案 ${record.number}（${record.closedOn}）。提醒已停止。`);
      },
    },
    {
      name: '移送纪委',
      usage: '移送纪委 <编号> [理由] — 涉嫌违纪或职务违法的，作为线索移送纪委监委',
      example: '移送纪委 ZR-2026-0001 涉嫌玩忽职守',
      permission: 'handleAccountability',
      match: new RegExp(`^移送纪委\\s+${NUMBER}(?:\\s+([\\s\\S]+))?$`),
      handle: async (ctx, match) => {
        const { number, rest } = words(match);
        const { record, clueNumber } = await ctx.services.accountability.handOver(ctx.sender, number, rest, ctx.message.channel);
        ctx.reply(`已将 ${record.number} 作为线索 ${clueNumber} 移送${ctx.services.org.name(ctx.services.org.part('discipline'))}，两条记录已相互关联。`);
      },
    },
  ],
};
