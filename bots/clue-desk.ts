import type { Bot, BotContext, Command } from '../src/conversation/bot';
import { clueVerb as verb, parseClueCommand, type ClueCommand } from '../src/domain/clues/commands';
import * as texts from '../src/domain/clues/texts';
import type { ClueSummary } from '../src/domain/clues/types';
import { PAGE_ARGUMENT, pageNumber, pagedReply } from '../src/domain/paging';

function agencyName(ctx: BotContext): (code: string) => string {
  return (code) => ctx.services.clues.agencyName(code);
}

/** Clue handling applies in the agencies clues are routed to. */
const receivingAgency: Command['available'] = (person, services) => services.clues.receives(person.agency);

/** Parses the line; replies with the usage when it is malformed. */
function parsed<K extends ClueCommand['kind']>(ctx: BotContext, kind: K): Extract<ClueCommand, { kind: K }> | null {
  const command = parseClueCommand(ctx.text);
  if (command?.kind === kind) return command as Extract<ClueCommand, { kind: K }>;
  ctx.reply(command?.kind === 'usage' ? command.usage : '没有听懂这条消息。发送「帮助」查看可用命令。');
  return null;
}

const commands: Command[] = [
  {
    name: '线索',
    usage: '线索 XS-年份-编号 — 查看一条线索',
    example: '线索 XS-2026-0001',
    match: verb('线索'),
    async handle(ctx) {
      const command = parsed(ctx, 'show');
      if (!command) return;
      const held = await ctx.services.clues.pastHolding(ctx.sender, command.number);
      if (held) return ctx.reply(held.join('\n'));
      const found = await ctx.services.clues.lookup(ctx.sender, command.number, ctx.message.channel);
      if (found.level === 'status') return ctx.reply(texts.statusView(found.clue, agencyName(ctx)));
      ctx.reply(texts.detailsView(found.clue, agencyName(ctx)));
    },
  },
  {
    name: '为什么',
    usage: '为什么 XS-年份-编号 — 线索为何移送该机关（提交人和接收机关可查）',
    example: '为什么 XS-2026-0001',
    // Only with a number: a bare 为什么 belongs to the clue wizard's summary.
    match: /^为什么\s*[xXｘＸ]/u,
    async handle(ctx) {
      const command = parsed(ctx, 'why');
      if (!command) return;
      const { clue, routing } = await ctx.services.clues.explainRouting(ctx.sender, command.number, ctx.message.channel);
      ctx.reply(`线索 ${clue.number} 现由${agencyName(ctx)(clue.route)}办理。\n${texts.routingReasons(routing, clue.route, clue.category, agencyName(ctx))}`);
    },
  },
  {
    name: '受理',
    available: receivingAgency,
    usage: '受理 XS-年份-编号 [承办人] — 受理移送本单位的线索，默认由您承办',
    example: '受理 XS-2026-0001',
    permission: 'handleClues',
    match: verb('受理'),
    async handle(ctx) {
      const command = parsed(ctx, 'accept');
      if (!command) return;
      const clue = await ctx.services.clues.accept(ctx.sender, command.number, ctx.message.channel, command.assignee);
      const assignee = command.assignee ? `承办人 ${clue.assignee?.name}（已通知），` : '';
      ctx.reply(`已受理线索 ${command.number}，${assignee}办理期限 ${clue.handlingDue}，已通知提交人。办理完毕请发送「办结 ${command.number} <办理结果>」。`);
    },
  },
  {
    name: '指派',
    available: receivingAgency,
    usage: '指派 XS-年份-编号 <姓名> — 更换本单位已受理线索的承办人',
    example: '指派 XS-2026-0001 赵敏',
    permission: 'assignClues',
    match: verb('指派'),
    async handle(ctx) {
      const command = parsed(ctx, 'assign');
      if (!command) return;
      const clue = await ctx.services.clues.assign(ctx.sender, command.number, command.assignee, ctx.message.channel);
      ctx.reply(`线索 ${command.number} 的承办人已改为 ${clue.assignee?.name}，已通知本人。`);
    },
  },
  {
    name: '退回补充',
    available: receivingAgency,
    usage: '退回补充 XS-年份-编号 <需要补充的内容> — 请提交人补充材料（等待期间期限暂停）',
    example: '退回补充 XS-2026-0001 请补充排污的具体时间和照片',
    permission: 'handleClues',
    match: verb('退回补充'),
    async handle(ctx) {
      const command = parsed(ctx, 'return');
      if (!command) return;
      await ctx.services.clues.returnForMore(ctx.sender, command.number, command.question, ctx.message.channel);
      ctx.reply(`线索 ${command.number} 已退回提交人补充，对方发送「补充 ${command.number} …」后会通知本单位。`);
    },
  },
  {
    name: '办结',
    available: receivingAgency,
    usage: '办结 XS-年份-编号 <办理结果> — 办结本单位受理的线索',
    example: '办结 XS-2026-0001 已立案审查，移送审理',
    permission: 'handleClues',
    match: verb('办结'),
    async handle(ctx) {
      const command = parsed(ctx, 'conclude');
      if (!command) return;
      await ctx.services.clues.conclude(ctx.sender, command.number, command.result, ctx.message.channel);
      ctx.reply(`线索 ${command.number} 已办结，已通知提交人。`);
    },
  },
  {
    name: '转办',
    available: receivingAgency,
    usage: '转办 XS-年份-编号 <机构> <理由序号> <说明> — 把不属本单位的线索转给纪委监委、检察院或司法局',
    example: '转办 XS-2026-0001 纪委 2 涉及公职人员收受财物',
    permission: 'handleClues',
    match: verb('转办'),
    async handle(ctx) {
      const command = parsed(ctx, 'transfer');
      if (!command) return;
      const clue = await ctx.services.clues.transfer(ctx.sender, command.number, command.agency, command.reason, ctx.message.channel);
      if (clue.disputed) {
        const coordinator = agencyName(ctx)(ctx.services.org.part('justice'));
        return ctx.reply(`线索 ${command.number} 转办次数已达上限，未转办；已提请${coordinator}协调确定办理机关，协调期间仍由本单位保管。`);
      }
      ctx.reply(`线索 ${command.number} 已转办至${agencyName(ctx)(clue.route)}，已通知该单位和提交人。`);
    },
  },
  {
    name: '协调',
    available: (person, services) => services.clues.mayDecide(person),
    usage: '协调 XS-年份-编号 <机构> — 确定转办争议线索的办理机关（协调机关）',
    example: '协调 XS-2026-0001 检察院',
    permission: 'decideClueDisputes',
    match: verb('协调'),
    async handle(ctx) {
      const command = parsed(ctx, 'decide');
      if (!command) return;
      const clue = await ctx.services.clues.decide(ctx.sender, command.number, command.agency, ctx.message.channel);
      ctx.reply(`已确定线索 ${command.number} 由${agencyName(ctx)(clue.route)}办理，已通知有关单位和提交人。`);
    },
  },
  {
    name: '我的线索',
    usage: '我的线索 [第N页] — 查看我提交的线索及进度，新的在前',
    example: '我的线索',
    permission: 'submitClues',
    match: new RegExp(`^我的线索${PAGE_ARGUMENT}$`),
    async handle(ctx, match) {
      const mine = await ctx.services.clues.mine(ctx.sender, pageNumber(match[1]));
      if (!mine.items.length && mine.page === 1) return ctx.reply('您还没有提交过线索。发送「提交线索」开始移送。');
      const line = (clue: ClueSummary, n: number) => `${n}. ${texts.listLine(clue, agencyName(ctx))}`;
      ctx.reply(pagedReply('我的线索', '您提交的线索（新的在前）：', mine, line, '发送「线索 <编号>」查看详情。'));
    },
  },
  {
    name: '待办',
    available: receivingAgency,
    usage: '待办 [第N页] — 查看移送本单位、尚未办结的线索，最早的在前',
    example: '待办',
    permission: 'handleClues',
    // 我的待办: what officers type, and a common menu key (docs/wecom-setup.md).
    match: new RegExp(`^(?:我的)?待办${PAGE_ARGUMENT}$`),
    async handle(ctx, match) {
      const page = pageNumber(match[1]);
      const pending = await ctx.services.clues.pending(ctx.sender, page);
      const disputes = page === 1 ? await ctx.services.clues.disputes(ctx.sender) : [];
      if (disputes.length)
        ctx.reply(['待协调的转办争议（请发送「协调 <编号> <机构>」确定办理机关）：', ...texts.disputeLines(disputes, agencyName(ctx))].join('\n'));
      if (!pending.items.length && page === 1) return disputes.length ? undefined : ctx.reply('本单位目前没有待办线索。');
      const line = (clue: ClueSummary, n: number) => `${n}. ${texts.pendingLine(clue, ctx.sender)}`;
      ctx.reply(pagedReply('待办', '本单位待办线索（最早的在前）：', pending, line, '发送「线索 <编号>」查看，「受理 <编号> [承办人]」受理。'));
    },
  },
];

export const clueDeskBot: Bot = { name: 'clue-desk', topic: '线索', commands };
