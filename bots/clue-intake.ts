import { randomUUID } from 'node:crypto';
import type { Bot, BotContext } from '../src/conversation/bot';
import { CLUE_ROUTES, type ClueRoute } from '../src/config/routing';
import type { ClueDraft } from '../src/domain/clues/clue-service';
import { parseClueCommand } from '../src/domain/clues/commands';
import type { EncryptedField } from '../src/kernel/field-cipher';
import * as texts from '../src/domain/clues/texts';

// ---- wizard: 事实 → 单位/人员 → 时间地点 → 证据 → 匿名 → (接收机关) → 确认 / 修改 / 取消 ----
// The draft lives in the session sealed: facts never sit in the database in plain text.

type Step = keyof typeof texts.WIZARD_PROMPTS | 'route' | 'confirm' | 'edit';
type OptionalText = 'subject' | 'timePlace' | 'evidence';

interface WizardData {
  draft: EncryptedField;
  /** While correcting one item: come back to the summary after it instead of the next step. */
  editing?: boolean;
}

const MAX_FIELD = 2000;
const NONE = /^(无|没有|不清楚|不详|略)$/;
const YES = /^(是|匿名|yes|y)$/i;
const NO = /^(否|不|不匿名|实名|no|n)$/i;
const STEP_ORDER = ['facts', 'subject', 'timePlace', 'evidence', 'anonymous'] as const;

function agencyName(ctx: BotContext): (code: string) => string {
  return (code) => ctx.services.clues.agencyName(code);
}

function sessionData(ctx: BotContext, draft: ClueDraft, editing = false): Record<string, unknown> {
  const data: WizardData = { draft: ctx.services.clues.sealDraft(draft), editing };
  return data as unknown as Record<string, unknown>;
}

async function save(ctx: BotContext, step: Step, draft: ClueDraft, editing = false): Promise<void> {
  await ctx.updateSession(step, sessionData(ctx, draft, editing));
}

/** Routes the draft and shows the summary, or asks for the route, or ends a higher-level clue unstored. */
async function review(ctx: BotContext, draft: ClueDraft): Promise<void> {
  const { clues, config } = ctx.services;
  if (!draft.route) {
    const routing = clues.route(draft);
    if (routing.kind === 'higher-level') {
      await ctx.endSession();
      return ctx.reply(`${config.routing.higherLevel.advice}\n本次线索未保存。`);
    }
    if (routing.kind === 'ask') {
      await save(ctx, 'route', draft);
      return ctx.reply(texts.routeMenu(config.routing, '无法确定该线索应移送哪个机关，请您选择：'));
    }
    draft = { ...draft, route: routing.route, category: routing.category };
  }
  await save(ctx, 'confirm', draft);
  ctx.reply({
    title: '核对线索',
    text: texts.draftSummary({ ...draft, route: draft.route!, category: draft.category! }, agencyName(ctx)),
    buttons: ['确认', '修改', '取消'],
  });
}

const ROUTED_BY = new Set<string>(['facts', 'subject', 'timePlace']);

/** After an answer: the next unanswered step, or back to the summary when correcting one item. */
async function advance(ctx: BotContext, draft: ClueDraft, answered: (typeof STEP_ORDER)[number], editing: boolean): Promise<void> {
  const next = STEP_ORDER[STEP_ORDER.indexOf(answered) + 1];
  // Changed content is routed afresh; a changed evidence note or anonymity keeps the route.
  if (editing) return review(ctx, ROUTED_BY.has(answered) ? { ...draft, route: undefined, category: undefined } : draft);
  if (!next) return review(ctx, draft);
  await save(ctx, next, draft);
  ctx.reply(texts.WIZARD_PROMPTS[next]);
}

function chosenRoute(answer: string, ctx: BotContext): ClueRoute | null {
  const index = Number(answer);
  if (Number.isInteger(index) && index >= 1 && index <= CLUE_ROUTES.length) return CLUE_ROUTES[index - 1]!;
  return ctx.services.clues.resolveRoute(answer);
}

async function continueWizard(ctx: BotContext): Promise<void> {
  const { step, data } = ctx.session!;
  const { draft: sealed, editing = false } = data as unknown as WizardData;
  const draft = ctx.services.clues.openDraft(sealed);
  const answer = ctx.text.trim();
  const { message } = ctx;

  if (step === 'evidence' && (message.kind === 'image' || message.kind === 'file') && message.mediaId) {
    const updated = { ...draft, mediaIds: [...draft.mediaIds, message.mediaId] };
    await save(ctx, 'evidence', updated, editing);
    return ctx.reply(`已收到附件（共${updated.mediaIds.length}个）。可继续发送，或用文字说明证据；没有更多请回复「无」。`);
  }
  if (message.kind === 'image' || message.kind === 'file') return ctx.reply('这一步请用文字回复；发送「取消」可退出。');
  if (answer.length > MAX_FIELD) return ctx.reply(`内容过长（超过${MAX_FIELD}字），请精简后重新发送。`);

  switch (step as Step) {
    case 'facts':
      if (!answer) return ctx.reply(texts.WIZARD_PROMPTS.facts);
      return advance(ctx, { ...draft, facts: answer }, 'facts', editing);
    case 'subject':
    case 'timePlace':
    case 'evidence': {
      const field = step as OptionalText;
      return advance(ctx, { ...draft, [field]: NONE.test(answer) ? undefined : answer }, field, editing);
    }
    case 'anonymous':
      if (YES.test(answer)) return advance(ctx, { ...draft, anonymous: true }, 'anonymous', editing);
      if (NO.test(answer)) return advance(ctx, { ...draft, anonymous: false }, 'anonymous', editing);
      return ctx.reply(`请回复「是」或「否」。${texts.WIZARD_PROMPTS.anonymous}`);
    case 'route': {
      const route = chosenRoute(answer, ctx);
      if (!route) return ctx.reply(texts.routeMenu(ctx.services.config.routing, '没有识别出您选择的机关。'));
      const routing = ctx.services.clues.route(draft);
      return review(ctx, { ...draft, route, category: routing.kind === 'higher-level' ? '未分类' : routing.categories[route] });
    }
    case 'confirm':
      if (answer === '确认') {
        const clue = await ctx.services.clues.submit(ctx.sender, { ...draft, route: draft.route!, category: draft.category! }, message.channel);
        await ctx.endSession();
        return ctx.reply(texts.submittedReply(clue, agencyName(ctx)));
      }
      if (answer === '修改') {
        await save(ctx, 'edit', draft);
        return ctx.reply(texts.editMenu());
      }
      return ctx.reply({ text: '请回复「确认」提交，「修改」更改某一项，或「取消」放弃。', buttons: ['确认', '修改', '取消'] });
    case 'edit': {
      const field = texts.EDITABLE_FIELDS[Number(answer) - 1]?.[0];
      if (!field) return ctx.reply(texts.editMenu());
      if (field === 'route') {
        await save(ctx, 'route', draft, true);
        return ctx.reply(texts.routeMenu(ctx.services.config.routing, '请选择接收机关：'));
      }
      await save(ctx, field, draft, true);
      return ctx.reply(texts.WIZARD_PROMPTS[field]);
    }
    default:
      await ctx.endSession();
      return ctx.reply('该操作已失效，请重新发送「提交线索」。');
  }
}

export const clueIntakeBot: Bot = {
  name: 'clue-intake',
  commands: [
    {
      name: '提交线索',
      usage: '提交线索 — 按步骤移送线索；也可一句话：提交线索：<线索内容>',
      permission: 'submitClues',
      match: /^提交线索(?:\s*[:：]|\s|$)/,
      async handle(ctx) {
        const command = parseClueCommand(ctx.text);
        if (command?.kind === 'usage') return ctx.reply(command.usage);
        const draft: ClueDraft = { id: randomUUID(), facts: '', mediaIds: [], anonymous: false };
        if (command?.kind === 'submit') {
          if (command.facts.length > MAX_FIELD) return ctx.reply(`内容过长（超过${MAX_FIELD}字），请精简后重新发送。`);
          const withFacts = { ...draft, facts: command.facts };
          await ctx.startSession('confirm', sessionData(ctx, withFacts));
          return review(ctx, withFacts);
        }
        await ctx.startSession('facts', sessionData(ctx, draft));
        ctx.reply(`${texts.WIZARD_PROMPTS.facts}\n随时发送「取消」退出。`);
      },
    },
  ],
  continueSession: continueWizard,
};
