import { signedBy } from '../src/domain/documents/receipt';
import type { Bot, BotContext, Command } from '../src/conversation/bot';
import { defineWizard } from '../src/conversation/wizard';
import { leadingDate } from '../src/domain/deadlines/event-date';
import type { RegistrationInput } from '../src/domain/documents/document-service';
import type { DocumentKinds, RegistrableKind } from '../src/domain/documents/kinds';
import { parseRegistrationArgs } from '../src/domain/documents/registration-args';
import * as texts from '../src/domain/documents/texts';
import { PAGE_ARGUMENT, pageNumber, pagedReply } from '../src/domain/paging';
import type { DeadlineDocument } from '../src/store/documents';
import { Refusal } from '../src/domain/errors';
import { NameRefusal, choiceButtons } from '../src/domain/names';

const NUMBER = '([A-Za-z]{2}-\\d{4}-\\d{4}(?:-\\d+)?)';
async function register(ctx: BotContext, input: RegistrationInput): Promise<void> {
  const { documents } = ctx.services;
  const doc = await documents.register(ctx.sender, input);
  ctx.reply(texts.registeredReply(doc, documents.names(doc), await documents.warnings(doc)));
}

// ---- wizard: 文号 → 单位 (unless fixed) → 日期 → 紧急? (a kind with an urgent period) → 确认 ----

type Draft = Partial<RegistrationInput> & { kind: string };

function registrationWizard(kinds: DocumentKinds) {
  const kindOf = (draft: Draft) => kinds.get(draft.kind);
  return defineWizard<Draft>({
    id: 'document-registration',
    version: 2,
    restartHint: '请重新发送登记命令（发送「帮助」查看）。',
    steps: [
      {
        key: 'reference',
        label: '文号',
        prompt: () => '请输入文号（例如 嘉检行公建〔2026〕3号）：',
        parse: ({ text }, draft) => (!text || text.length > 100 ? { error: '文号不能为空，且不超过100字。' } : { data: { ...draft, reference: text } }),
      },
      {
        key: 'recipient',
        label: '接收单位',
        when: (draft) => !kindOf(draft).recipient,
        prompt: () => '请输入接收单位的代码或名称（例如 nyncj 或 县农业农村局）：',
        parse: ({ text }, draft, ctx) => {
          try {
            return { data: { ...draft, recipient: ctx.services.org.resolve(text).code } };
          } catch (err) {
            if (err instanceof NameRefusal) return { error: `${err.message}\n`, buttons: choiceButtons(err, text) };
            throw err;
          }
        },
      },
      {
        key: 'startDate',
        label: '起算日期',
        prompt: (draft) => `请输入实际${kindOf(draft).startsOn}日期（YYYY-MM-DD，当天可回复「今天」）：`,
        parse: ({ text }, draft, ctx) => {
          try {
            return { data: { ...draft, startDate: ctx.services.documents.startDateOf(draft.kind, text) } };
          } catch (err) {
            if (err instanceof Refusal) return { error: `${err.message}\n` };
            throw err;
          }
        },
      },
      {
        key: 'urgent',
        label: '是否紧急',
        when: (draft) => Boolean(kindOf(draft).urgent),
        prompt: (draft) => `${kindOf(draft).urgentQuestion}请回复「是」或「否」：`,
        parse: ({ text }, draft) => (text === '是' || text === '否' ? { data: { ...draft, urgent: text === '是' } } : { error: '' }),
      },
    ],
    review: (draft, ctx) => {
      const { documents } = ctx.services;
      try {
        const plan = documents.plan(ctx.sender, { urgent: false, ...draft } as RegistrationInput);
        const names = documents.names(plan);
        const summary = [
          `请确认登记：${names.kind.name}，文号 ${plan.reference}`,
          `接收单位：${names.recipient}；起算日：${plan.startDate}${plan.urgent ? '（紧急）' : ''}`,
          `期限：${plan.dueDate}（${texts.periodRule(plan.period)}）${texts.provisionalNote(plan)}`,
          '回复「确认」登记，「修改」更改某一项，「取消」放弃。',
        ].join('\n');
        return { data: draft, summary };
      } catch (err) {
        if (!(err instanceof Refusal)) throw err;
        return { end: `${err.message}\n本次登记已结束，请重新发送「${kindOf(draft).command?.word}」。` };
      }
    },
    submit: (draft, ctx) => register(ctx, { urgent: false, ...draft } as RegistrationInput),
    // A session for a kind taken out of the configuration since is ended as outdated.
    codec: {
      encode: (draft) => draft,
      decode: (stored) => {
        const draft = stored as Draft;
        if (!kinds.registrable.some((kind) => kind.key === draft?.kind)) throw new Error(`no registrable kind ${draft?.kind}`);
        return draft;
      },
    },
    confirmHint: '请回复「确认」登记，「修改」更改某一项，或「取消」放弃。',
  });
}

function registrationCommand(kind: RegistrableKind, wizard: ReturnType<typeof registrationWizard>): Command {
  const { word, usage } = kind.command;
  return {
    name: word,
    usage: `${usage} — 登记并跟踪期限（只发「${word}」可逐项填写）`,
    example: word,
    permission: 'registerDocuments',
    available: (person, services) => services.documents.kinds.mayRegister(kind, person),
    match: new RegExp(`^${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:\\s+([\\s\\S]+))?$`),
    handle: async (ctx, match) => {
      if (match[1]) return register(ctx, parseRegistrationArgs(kind, match[1]));
      ctx.services.documents.assertMayRegister(ctx.sender, kind.key);
      await wizard.start(ctx, { kind: kind.key }, { before: `开始登记${kind.name}（随时发送「取消」退出）。` });
    },
  };
}

/** Documents with deadlines: one registration command per kind of config/deadlines.yaml registered in chat, then answers and views. */
export function documentsBot(kinds: DocumentKinds): Bot {
  const registration = registrationWizard(kinds);
  return {
    name: 'documents',
    topic: '文书与期限',
    commands: [
      ...kinds.registrable.map((kind) => registrationCommand(kind, registration)),
      {
        name: '回复',
        usage: '回复 <编号> [回复日期 YYYY-MM-DD] <摘要> — 登记对文书的书面回复（补录时写实际回复日期，默认今天）',
        example: '回复 JY-2026-0001 2026-11-20 已书面回复并整改',
        match: new RegExp(`^回复\\s+${NUMBER}(?:\\s+([\\s\\S]+))?$`),
        handle: async (ctx, match) => {
          const { documents } = ctx.services;
          const { date, rest } = leadingDate(match[2] ?? '');
          const { doc, daysLate } = await documents.reply(ctx.sender, match[1]!, rest, date);
          // Open after a reply: its kind is closed by the correction.
          const still =
            doc.status === 'open' ? `\n该${documents.names(doc).kind.name}仍需整改，整改完成后请发送「整改完成 ${doc.number} <整改情况>」。` : '\n提醒已停止。';
          ctx.reply(`已登记 ${doc.number} 的回复（${texts.outcomeDate(doc.reply!)}，${texts.outcomeWord(daysLate)}），已通知对方单位。${still}`);
        },
      },
      {
        name: '签收',
        usage: '签收 <编号> — 确认本单位已收到文书（接收单位）',
        example: '签收 JY-2026-0001',
        match: new RegExp(`^签收\\s+${NUMBER}$`),
        handle: async (ctx, match) => {
          const { doc, already } = await ctx.services.documents.sign(ctx.sender, match[1]!);
          const who = signedBy(doc.receipt!, ctx.services.org);
          ctx.reply(
            already
              ? `${doc.number} 已由 ${who} 签收，无需重复签收。发送「文书 ${doc.number}」查看。`
              : `已签收 ${doc.number}，已通知签发单位。期限 ${doc.dueDate} 仍自送达日 ${doc.startDate} 起算。`,
          );
        },
      },
      {
        name: '办理情况',
        usage: '办理情况 <编号> — 生成该文书的办理情况表（Word 文件）',
        example: '办理情况 JY-2026-0001',
        match: new RegExp(`^办理情况\\s+${NUMBER}$`),
        handle: async (ctx, match) => ctx.reply(await ctx.services.official.statusSheet(ctx.sender, match[1]!)),
      },
      {
        name: '整改完成',
        usage: '整改完成 <编号> [完成日期 YYYY-MM-DD] <说明> — 登记整改完成（补录时写实际完成日期，默认今天）',
        example: '整改完成 TZ-2026-0001 2026-11-28 已撤销违法处罚决定',
        match: new RegExp(`^整改完成\\s+${NUMBER}(?:\\s+([\\s\\S]+))?$`),
        handle: async (ctx, match) => {
          const { date, rest } = leadingDate(match[2] ?? '');
          const { doc, daysLate } = await ctx.services.documents.correct(ctx.sender, match[1]!, rest, date);
          ctx.reply(`已登记 ${doc.number} 整改完成（${texts.outcomeDate(doc.correction!)}，${texts.outcomeWord(daysLate)}），提醒已停止，已通知对方单位。`);
        },
      },
      {
        name: '调整期限',
        usage: '调整期限 <编号> <YYYY-MM-DD> — 签发单位指定新的期限',
        example: '调整期限 JY-2026-0001 2027-01-15',
        permission: 'registerDocuments',
        match: new RegExp(`^调整期限\\s+${NUMBER}\\s+(\\S+)$`),
        handle: async (ctx, match) => {
          const doc = await ctx.services.documents.changeDue(ctx.sender, match[1]!, match[2]!);
          ctx.reply(`${doc.number} 的期限已调整为 ${doc.dueDate}，已通知接收单位，提醒按新期限发送。`);
        },
      },
      {
        name: '移送进展',
        usage: '移送进展 <编号> <步骤> <YYYY-MM-DD> — 登记令310移送的下一步骤（如 提请复议、移交涉案物品）',
        example: '移送进展 YS-2026-0001 提请复议 2026-11-20',
        permission: 'registerDocuments',
        match: new RegExp(`^移送进展\\s+${NUMBER}\\s+(\\S+)\\s+(\\S+)$`),
        handle: async (ctx, match) => {
          const { documents } = ctx.services;
          const doc = await documents.advanceTransfer(ctx.sender, match[1]!, match[2]!, match[3]!);
          ctx.reply(`已登记 ${doc.number} 进入「${documents.stepName(doc)}」，期限 ${doc.dueDate}，已通知对方。${texts.provisionalNote(doc)}`);
        },
      },
      {
        name: '文书',
        usage: '文书 [编号|第N页] — 查看一份文书，或列出本单位未办结的文书（期限近的在前）',
        example: '文书 JY-2026-0001',
        match: new RegExp(`^文书(?:\\s+${NUMBER}|${PAGE_ARGUMENT})$`),
        handle: async (ctx, match) => {
          const { documents } = ctx.services;
          if (match[1]) return ctx.reply(documents.describe(await documents.view(ctx.sender, match[1])));
          const open = await documents.openFor(ctx.sender.agency, pageNumber(match[2]));
          if (!open.items.length && open.page === 1) return ctx.reply('本单位没有未办结的文书。登记新文书请发送「帮助」查看命令。');
          const line = (doc: DeadlineDocument) =>
            `• ${doc.number} ${documents.names(doc).kind.name}（${doc.reference}）期限 ${doc.dueDate}${doc.provisional ? '（暂定）' : ''}`;
          ctx.reply(pagedReply('文书', '本单位未办结的文书：', open, line, '发送「文书 <编号>」查看详情。'));
        },
      },
    ],
    wizards: [registration],
  };
}
