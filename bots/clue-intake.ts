import { randomUUID } from 'node:crypto';
import type { Bot, BotContext } from '../src/conversation/bot';
import { SESSION_IDLE_MS } from '../src/conversation/sessions';
import { defineWizard, type StepResult, type WizardStep } from '../src/conversation/wizard';
import type { ClueRoute } from '../src/config/routing';
import type { ClueDraft } from '../src/domain/clues/types';
import { CLUE_USAGE, clueVerb as verb, parseClueCommand } from '../src/domain/clues/commands';
import * as texts from '../src/domain/clues/texts';
import type { EncryptedField } from '../src/kernel/field-cipher';
import { MEDIA_KINDS } from '../src/kernel/messages';
import { supplementWizard } from './clue-supplement';

// 事实 → 单位/人员 → 时间地点 → 证据 → 匿名 → (接收机关, when the router is unsure) → 确认 / 修改 / 取消.
// The draft lives in the session sealed: facts never sit in the database in plain text.

const MAX_FIELD = 2000;
const TOO_LONG = `内容过长（超过${MAX_FIELD}字），请精简后重新发送。`;
const NONE = /^(无|没有|不清楚|不详|略)$/;
const YES = /^(是|匿名|yes|y)$/i;
const NO = /^(否|不|不匿名|实名|no|n)$/i;

const EXCERPT = 20;
const excerpt = (text: string) => (text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text);

const agencyName = (ctx: BotContext) => (code: string) => ctx.services.clues.agencyName(code);

/** A text that decides the route: changing it routes the clue afresh. */
function routedText(key: 'facts' | 'subject' | 'timePlace', label: string, required: boolean): WizardStep<ClueDraft> {
  return {
    key,
    label,
    prompt: () => texts.WIZARD_PROMPTS[key],
    parse: ({ text }, draft): StepResult<ClueDraft> => {
      if (text.length > MAX_FIELD) return { error: TOO_LONG };
      if (required && !text) return { error: '' };
      const value = !required && NONE.test(text) ? undefined : text;
      return { data: { ...draft, [key]: value, route: undefined, category: undefined, subjectLevel: undefined } };
    },
  };
}

/** The menu order: the most likely agencies first. */
const routeOrder = (draft: ClueDraft, ctx: BotContext): ClueRoute[] => ctx.services.clues.route(draft).ranking.map((r) => r.route);

function chosenRoute(answer: string, order: ClueRoute[], ctx: BotContext): ClueRoute | null {
  const index = Number(answer);
  if (Number.isInteger(index) && index >= 1 && index <= order.length) return order[index - 1]!;
  return ctx.services.clues.resolveRoute(answer);
}

const intake = defineWizard<ClueDraft>({
  id: 'clue-intake',
  version: 3,
  restartHint: '请重新发送「提交线索」。',
  describeOpen: (draft) => (draft.facts ? `事实经过：${excerpt(draft.facts)}` : '尚未填写事实经过'),
  expiredNotice: `您的线索草稿已超过${SESSION_IDLE_MS / 60_000}分钟没有继续，已失效。如需移送，请重新发送「提交线索」。`,
  codec: {
    encode: (draft, ctx) => ctx.services.clues.sealDraft(draft),
    decode: (sealed, ctx) => ctx.services.clues.openDraft(sealed as EncryptedField),
  },
  steps: [
    routedText('facts', '事实经过', true),
    routedText('subject', '涉及单位或人员', false),
    routedText('timePlace', '时间地点', false),
    {
      key: 'evidence',
      label: '证据说明',
      acceptsMedia: true,
      prompt: () => texts.WIZARD_PROMPTS.evidence,
      parse: async ({ text, message }, draft, ctx) => {
        if (MEDIA_KINDS.includes(message.kind)) {
          // Fetched from the platform and stored sealed now; the draft keeps only the stored attachment's id and name.
          const received = await ctx.services.clues.attachments.receive(message, draft.attachments.length);
          if ('refusal' in received) return { data: draft, stay: received.refusal };
          const updated = { ...draft, attachments: [...draft.attachments, received.ref] };
          return { data: updated, stay: texts.attachmentReceived(received.ref.name, updated.attachments.length) };
        }
        if (text.length > MAX_FIELD) return { error: TOO_LONG };
        return { data: { ...draft, evidence: NONE.test(text) ? undefined : text } };
      },
    },
    {
      key: 'anonymous',
      label: '是否匿名',
      prompt: () => ({ text: texts.WIZARD_PROMPTS.anonymous, buttons: ['是', '否'] }),
      parse: ({ text }, draft) => {
        if (YES.test(text)) return { data: { ...draft, anonymous: true } };
        if (NO.test(text)) return { data: { ...draft, anonymous: false } };
        return { error: '请回复「是」或「否」。' };
      },
    },
    {
      key: 'route',
      label: '接收机关',
      onDemand: true,
      prompt: (draft, ctx) => texts.routeMenu(ctx.services.config.routing, '请选择接收机关：', routeOrder(draft, ctx)),
      parse: ({ text }, draft, ctx) => {
        const route = chosenRoute(text, routeOrder(draft, ctx), ctx);
        if (!route) return { error: '没有识别出您选择的机关。' };
        // The officer chose the agency: the category is chosen next from that agency's list (review asks it).
        return { data: { ...draft, route, category: undefined } };
      },
    },
    {
      key: 'subjectLevel',
      onDemand: true,
      prompt: (draft, ctx) => {
        const { level } = ctx.services.clues.route(draft);
        return texts.subjectLevelQuestion(level.kind === 'county' ? '' : level.rank);
      },
      parse: ({ text }, draft) => {
        if (text === '1' || YES.test(text)) return { data: { ...draft, subjectLevel: 'higher' } };
        if (text === '2' || NO.test(text)) return { data: { ...draft, subjectLevel: 'county' } };
        return { error: '请回复 1 或 2。' };
      },
    },
    {
      key: 'category',
      label: '类别',
      onDemand: true,
      when: (draft) => draft.route !== undefined,
      prompt: (draft, ctx) => texts.categoryMenu(ctx.services.clues.agencyName(draft.route!), ctx.services.clues.categoriesOf(draft.route!)),
      parse: ({ text }, draft, ctx) => {
        const categories = ctx.services.clues.categoriesOf(draft.route!);
        const index = Number(text);
        const category = Number.isInteger(index) && index >= 1 ? categories[index - 1] : categories.find((c) => c === text);
        if (!category) return { error: '没有识别出您选择的类别。' };
        return { data: { ...draft, category } };
      },
    },
  ],
  /**
   * Ends a clue about an official managed above the county unstored (asking first when unsure),
   * then routes the draft and shows the summary, or asks for the route (the most likely first).
   */
  review: (draft, ctx) => {
    const { clues, config } = ctx.services;
    const routing = clues.route(draft);
    const { level } = routing;
    if (level.kind === 'higher' || draft.subjectLevel === 'higher') return { end: texts.higherLevelRefusal(config.routing.higherLevel.advice) };
    if (level.kind === 'unsure' && draft.subjectLevel !== 'county') return { ask: 'subjectLevel', data: draft };
    if (!draft.route) {
      const order = routing.ranking.map((r) => r.route);
      if (routing.kind === 'ask')
        return { ask: 'route', data: draft, prompt: texts.routeMenu(config.routing, '无法确定该线索应移送哪个机关，请您选择：', order) };
      draft = { ...draft, route: routing.route, category: routing.category };
    }
    if (!draft.category) return { ask: 'category', data: draft };
    if (draft.anonymous === undefined) return { ask: 'anonymous', data: draft, prompt: texts.ANONYMITY_QUESTION };
    const routed = { ...draft, route: draft.route!, category: draft.category, anonymous: draft.anonymous };
    return { data: draft, summary: { title: '核对线索', text: texts.draftSummary(routed, agencyName(ctx)) } };
  },
  questions: [
    {
      match: /^为什么[?？]?$/u,
      answer: (draft, ctx) => texts.routingReasons(ctx.services.clues.route(draft), draft.route!, draft.category!, agencyName(ctx)),
    },
  ],
  submit: async (draft, ctx) => {
    const clue = await ctx.services.clues.submit(
      ctx.sender,
      { ...draft, route: draft.route!, category: draft.category!, anonymous: draft.anonymous ?? false },
      ctx.message.channel,
    );
    ctx.reply(texts.submittedReply(clue, agencyName(ctx)));
  },
});

export const clueIntakeBot: Bot = {
  name: 'clue-intake',
  topic: '线索',
  commands: [
    {
      name: '提交线索',
      usage: '提交线索 — 按步骤移送线索；也可一句话：提交线索：<线索内容>（末尾加「匿名」即对接收机关匿名）',
      example: '提交线索：县农业农村局对某养殖场向河道排污长期不予查处',
      permission: 'submitClues',
      match: /^提交线索(?:\s*[:：]|\s|$)/,
      async handle(ctx) {
        const command = parseClueCommand(ctx.text);
        if (command?.kind === 'usage') return ctx.reply(command.usage);
        const draft: ClueDraft = { id: randomUUID(), facts: '', attachments: [] };
        if (command?.kind !== 'submit') return intake.start(ctx, draft, { after: '随时发送「取消」退出。' });
        if (command.facts.length > MAX_FIELD) return ctx.reply(TOO_LONG);
        // The one-line form answers the facts (and 匿名 when the line says it); review() asks what is left.
        await intake.startAtSummary(ctx, { ...draft, facts: command.facts, anonymous: command.anonymous });
      },
    },
    {
      name: '补充',
      usage: '补充 XS-年份-编号 <内容> — 为自己提交的线索补充材料（办结前），接收机关会收到通知',
      example: '补充 XS-2026-0001 又收集到两笔转账记录',
      permission: 'submitClues',
      match: verb('补充'),
      async handle(ctx) {
        const command = parseClueCommand(ctx.text);
        if (command?.kind !== 'supplement') return ctx.reply(`格式：${CLUE_USAGE.supplement}`);
        // Without text: the images, files and voice (and a line of text) that follow are collected, then 确认.
        if (!command.text) return supplementWizard.start(ctx, { number: command.number, attachments: [] });
        if (command.text.length > MAX_FIELD) return ctx.reply(TOO_LONG);
        await ctx.services.clues.supplement(ctx.sender, command.number, command.text, ctx.message.channel);
        ctx.reply(`已为线索 ${command.number} 补充材料，并通知了接收机关。`);
      },
    },
    {
      name: '撤回',
      usage: '撤回 XS-年份-编号 <理由> — 撤回自己提交、尚未受理的线索',
      example: '撤回 XS-2026-0001 经核实为误报',
      permission: 'submitClues',
      match: verb('撤回'),
      async handle(ctx) {
        const command = parseClueCommand(ctx.text);
        if (command?.kind !== 'withdraw') return ctx.reply(`格式：${CLUE_USAGE.withdraw}`);
        if (command.reason.length > MAX_FIELD) return ctx.reply(TOO_LONG);
        await ctx.services.clues.withdraw(ctx.sender, command.number, command.reason, ctx.message.channel);
        ctx.reply(`线索 ${command.number} 已撤回，已通知接收机关。`);
      },
    },
  ],
  wizards: [intake, supplementWizard],
};
