import type { Bot } from '../src/conversation/bot';
import { describeFigures, parseFiguresArgs, REPORT_USAGE } from '../src/domain/bulletin/figures';

/** The monthly 执法信息通报: units report their figures; the justice bureau sees who has and has not. */
export const bulletinBot: Bot = {
  name: 'bulletin',
  topic: '执法信息通报',
  commands: [
    {
      name: '报送执法信息',
      usage: `${REPORT_USAGE} — 执法单位报送上月执法信息（同月再次报送将覆盖）`,
      example: '报送执法信息 2026-11 结案12 处罚8 移送1 自查30 未执行2',
      permission: 'reportEnforcementFigures',
      match: /^报送执法信息(?:\s+([\s\S]+))?$/,
      handle: async (ctx, match) => {
        const { bulletin } = ctx.services;
        const report = await bulletin.report(ctx.sender, parseFiguresArgs(match[1] ?? ''));
        ctx.reply(`已登记${bulletin.nameOf(report.unit)} ${report.month} 执法信息：${describeFigures(report.figures)}。如有错误，重新发送即可覆盖。`);
      },
    },
    {
      name: '报送情况',
      usage: '报送情况 [YYYY-MM] — 各执法单位执法信息已报送、未报送情况（默认上月）',
      example: '报送情况 2026-11',
      permission: 'viewReports',
      match: /^报送情况(?:\s+(\S+))?$/,
      handle: async (ctx, match) => {
        const { bulletin } = ctx.services;
        ctx.reply(bulletin.describeTable(await bulletin.table(match[1])));
      },
    },
  ],
};
