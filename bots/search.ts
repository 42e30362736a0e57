import type { Bot } from '../src/conversation/bot';
import { SEARCH_USAGE } from '../src/domain/search/query';
import { searchReply } from '../src/domain/search/texts';

/** 查询: officers find the clues and documents they may see by number, 文号, unit, person or words. */
export const searchBot: Bot = {
  name: 'search',
  topic: '查找',
  commands: [
    {
      name: '查询',
      usage: SEARCH_USAGE,
      example: '查询 市场监管局 状态 在办',
      // The page comes last: `查询 … 第2页` (what the 下一页 button sends).
      match: /^查询(?:\s+([\s\S]*?))?(?:\s+第(\d{1,4})页)?$/,
      async handle(ctx, match) {
        const args = match[1] ?? '';
        const result = await ctx.services.search.search(ctx.sender, args, Number(match[2] ?? 1), ctx.message.channel);
        ctx.reply(searchReply(args, result, (code) => ctx.services.org.shortName(code), ctx.services.documents.kinds));
      },
    },
  ],
};
