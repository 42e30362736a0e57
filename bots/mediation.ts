import type { Bot } from '../src/conversation/bot';
import { mediationLine } from '../src/domain/mediation/mediation-service';

const REGISTER_USAGE = '登记调解 <单位> <阶段> <争议事项>';

/** 行政争议调解: the mediation centre's cases, their handling period and outcome. */
export const mediationBot: Bot = {
  name: 'mediation',
  topic: '行政争议调解',
  commands: [
    {
      name: '登记调解',
      usage: `${REGISTER_USAGE} — 调解中心登记一件行政争议调解案件`,
      example: '登记调解 scjg 复议前 对罚款决定不服申请调解',
      permission: 'registerMediation',
      match: /^登记调解(?:\s+(\S+))?(?:\s+(\S+))?(?:\s+([\s\S]+))?$/,
      handle: async (ctx, match) => {
        const service = ctx.services.mediation;
        if (!match[3]) return ctx.reply(`请按格式发送：${REGISTER_USAGE}\n阶段：${service.config.stages.join('、')}`);
        const record = await service.register(ctx.sender, match[1]!, match[2]!, match[3]);
        ctx.reply(`已登记调解案件 ${mediationLine(record, service.nameOf)}。到期前将提醒；办结后发送「调解结果 ${record.number} <结果>」。`);
      },
    },
    {
      name: '调解结果',
      usage: '调解结果 <编号> <调解成功|撤回|转复议|转诉讼> [说明] — 调解案件办结',
      example: '调解结果 TJ-2026-0001 调解成功 双方达成和解',
      permission: 'registerMediation',
      match: /^调解结果\s+(TJ-\d{4}-\d{4})(?:\s+(\S+))?(?:\s+([\s\S]+))?$/i,
      handle: async (ctx, match) => {
        const service = ctx.services.mediation;
        if (!match[2]) return ctx.reply(`请附上结果：${service.config.outcomes.join('、')}。`);
        const record = await service.close(ctx.sender, match[1]!, match[2], match[3] ?? '');
        ctx.reply(`已办结 ${mediationLine(record, service.nameOf)}。提醒已停止。`);
      },
    },
    {
      name: '调解',
      usage: '调解 [编号] — 在办的行政争议调解案件，或一件案件',
      example: '调解 TJ-2026-0001',
      permission: 'registerMediation',
      match: /^调解(?:\s+(TJ-\d{4}-\d{4}))?$/i,
      handle: async (ctx, match) => {
        const service = ctx.services.mediation;
        if (match[1]) return ctx.reply(mediationLine(await service.view(ctx.sender, match[1]), service.nameOf));
        const open = await service.openCases(ctx.sender);
        if (!open.length) return ctx.reply(`没有在办的调解案件。登记请发送「${REGISTER_USAGE}」。`);
        ctx.reply(['在办的行政争议调解案件：', ...open.map((r) => `• ${mediationLine(r, service.nameOf)}`)].join('\n'));
      },
    },
  ],
};
