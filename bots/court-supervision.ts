import type { Bot } from '../src/conversation/bot';
import { CONCLUDE_USAGE, describe, REGISTER_USAGE } from '../src/domain/court-supervision/texts';

/** 非诉执行监督: the procuratorate's review of courts' rulings on administrative organs' applications for execution. */
export const courtSupervisionBot: Bot = {
  name: 'court-supervision',
  topic: '非诉执行监督',
  commands: [
    {
      name: '登记非诉执行监督',
      usage: `${REGISTER_USAGE} — 检察院登记法院不予受理、不予执行等裁定，按期审查`,
      example: '登记非诉执行监督 不予执行 zhzf 2026-11-20 （2026）浙0421行审12号',
      permission: 'superviseCourtRulings',
      match: /^登记非诉执行监督(?:\s+(\S+)\s+(\S+)\s+(\S+)\s+([\s\S]+))?$/,
      handle: async (ctx, match) => {
        if (!match[1]) return ctx.reply(`请按格式发送：${REGISTER_USAGE}。`);
        const { courtSupervision } = ctx.services;
        const record = await courtSupervision.register(ctx.sender, {
          ruling: match[1],
          applicant: match[2]!,
          rulingDate: match[3]!,
          courtCaseNumber: match[4]!,
        });
        ctx.reply(
          `已登记${describe(record, courtSupervision.nameOf)}\n到期前将提醒。审结后发送「${CONCLUDE_USAGE.replace('<编号>', record.number)}」，结论将自动通报申请执行机关和司法局。`,
        );
      },
    },
    {
      name: '审结非诉监督',
      usage: `${CONCLUDE_USAGE} — 记录审查结论和监督结果，并通报申请执行机关和司法局`,
      example: '审结非诉监督 FZ-2026-0001 裁定认定事实清楚；向法院发出检察建议',
      permission: 'superviseCourtRulings',
      match: /^审结非诉监督(?:\s+(\S+))?(?:\s+([\s\S]+))?$/,
      handle: async (ctx, match) => {
        const [finding = '', result = ''] = (match[2] ?? '').split(/[；;|]/, 2);
        if (!match[1] || !result.trim()) return ctx.reply(`请按格式发送：${CONCLUDE_USAGE}。`);
        const { courtSupervision } = ctx.services;
        const record = await courtSupervision.conclude(ctx.sender, match[1], finding, result);
        ctx.reply(`已审结。\n${describe(record, courtSupervision.nameOf)}`);
      },
    },
    {
      name: '非诉监督',
      usage: '非诉监督 [编号] — 本院的非诉执行监督案件，或一件的详情',
      example: '非诉监督 FZ-2026-0001',
      permission: 'superviseCourtRulings',
      match: /^非诉监督(?:\s+(FZ-\d{4}-\d{4}))?$/i,
      handle: async (ctx, match) => {
        const { courtSupervision } = ctx.services;
        if (match[1]) return ctx.reply(describe(await courtSupervision.view(ctx.sender, match[1]), courtSupervision.nameOf));
        const records = await courtSupervision.list(ctx.sender);
        if (!records.length) return ctx.reply(`本院暂无非诉执行监督案件。登记请发送：${REGISTER_USAGE}。`);
        ctx.reply(
          records
            .map((r) => `${r.number} ${r.ruling} ${courtSupervision.nameOf(r.applicant)} 期限 ${r.dueDate} ${r.status === 'open' ? '审查中' : '已审结'}`)
            .join('\n'),
        );
      },
    },
  ],
};
