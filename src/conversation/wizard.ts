import { MEDIA_KINDS, toOutgoing, type InboundMessage, type OutgoingMessage, type Reply } from '../kernel/messages';
import type { BotContext, Dialog } from './bot';
import { SESSION_IDLE_MS } from './sessions';

/**
 * A declarative, versioned multi-step dialog (compare botbuilder's WaterfallDialog and grammY
 * conversations' `form`): steps ask and parse one value each, a summary offers 确认 / 修改 / 取消,
 * 修改 re-asks one item and comes back to the summary, bad input is re-asked with the reason.
 * The session records the wizard's id, version and step; one written by another version, or at
 * a step this version does not have, is ended politely instead of being misread.
 */

/** One answer as the user sent it: text, or an image or file (`message.kind`, `message.mediaId`). */
export interface Answer {
  text: string;
  message: InboundMessage;
}

/**
 * What a step makes of an answer: the new data (the wizard moves on), the new data and an
 * acknowledgement (it stays on this step, e.g. after an attachment), or why it cannot be taken.
 */
export type StepResult<D> = { data: D; stay?: Reply } | { error: string; buttons?: string[] };

export interface WizardStep<D> {
  key: string;
  /** Its name in the 修改 menu; a step without one cannot be chosen there. */
  label?: string;
  prompt(data: D, ctx: BotContext): Reply;
  parse(answer: Answer, data: D, ctx: BotContext): StepResult<D> | Promise<StepResult<D>>;
  /** Whether the step applies to this data (default: it does). */
  when?(data: D): boolean;
  /** Not asked in order: reached only when review() asks for it or through 修改 (then back to the summary). */
  onDemand?: boolean;
  /** Takes images and files (otherwise the user is asked for text). */
  acceptsMedia?: boolean;
}

/** After the steps (and after each change): show the summary, ask one more step, or end the dialog. */
export type Review<D> = { summary: Reply; data: D } | { ask: string; data: D; prompt?: Reply } | { end: Reply };

export interface WizardDefinition<D> {
  id: string;
  /** Bump when the steps or the data change shape: sessions of another version are ended politely. */
  version: number;
  /** How to start it again, said when a session has to be ended as outdated, e.g. 请重新发送「提交线索」。 */
  restartHint: string;
  steps: readonly WizardStep<D>[];
  review(data: D, ctx: BotContext): Review<D> | Promise<Review<D>>;
  /** 确认: store the result. The session ends after it succeeds; if it throws, the draft stays for another 确认. */
  submit(data: D, ctx: BotContext): Promise<void>;
  /** How the data is kept in the session (e.g. sealed); default: as it is. */
  codec?: { encode(data: D, ctx: BotContext): unknown; decode(stored: unknown, ctx: BotContext): D };
  /** Said when the summary is answered with something other than 确认 / 修改 / 取消. */
  confirmHint?: string;
  /** Questions the summary answers without leaving it (e.g. 为什么); the summary's buttons follow the answer. */
  questions?: ReadonlyArray<{ match: RegExp; answer(data: D, ctx: BotContext): Reply }>;
  /**
   * Starting anew while a session of this wizard is open asks 继续原草稿 / 放弃并新建 first; this names
   * the waiting draft in that question (e.g. the first words of its facts).
   */
  describeOpen?(data: D, ctx: BotContext): string;
  /** Pushed to the user when their session expires unfinished; default: a general notice with the restart hint. */
  expiredNotice?: string;
}

/** What a wizard keeps in the session's data. */
export interface WizardSession {
  wizard: string;
  version: number;
  editing: boolean;
  values: unknown;
  /** While asking 继续原草稿 / 放弃并新建: where the open draft stood, and the new start waiting for the answer. */
  resume?: { step: string; editing: boolean; fresh: unknown; atSummary: boolean; note?: StartNote };
}

/** Lines said before and after the first prompt of a fresh start. */
export interface StartNote {
  before?: string;
  after?: string;
}

const CONFIRM = '@confirm';
const EDIT = '@edit';
const RESUME = '@resume';
const SUMMARY_BUTTONS = ['确认', '修改', '取消'];
const KEEP_OPEN = '继续原草稿';
const DISCARD_OPEN = '放弃并新建';
const RESUME_BUTTONS = [KEEP_OPEN, DISCARD_OPEN];

export const WIZARD_TEXTS = {
  editMenu: '要修改哪一项？请回复序号：',
  textOnly: '这一步请用文字回复；发送「取消」可退出。',
  confirmHint: '请回复「确认」提交，「修改」更改某一项，或「取消」放弃。',
  outdated: '该操作已失效，',
  resumeHint: `请选择「${KEEP_OPEN}」或「${DISCARD_OPEN}」；发送「取消」放弃全部。`,
  kept: '好的，继续原草稿。',
  expired: `您未完成的操作已超过${SESSION_IDLE_MS / 60_000}分钟没有继续，已失效。`,
} as const;

export function isWizardSession(data: unknown): data is WizardSession {
  const d = data as Partial<WizardSession> | null;
  return typeof d === 'object' && d !== null && typeof d.wizard === 'string' && typeof d.version === 'number';
}

export class Wizard<D> implements Dialog {
  readonly id: string;

  constructor(private readonly def: WizardDefinition<D>) {
    this.id = def.id;
    const keys = def.steps.map((s) => s.key);
    if (new Set(keys).size !== keys.length || keys.some((k) => k.startsWith('@')))
      throw new Error(`wizard ${def.id}: step keys must be unique and not start with @`);
  }

  /**
   * Begins with `data`: asks the first step that applies (with `note.before` / `note.after` around
   * its prompt), or goes straight to the summary when every step is already answered. While a
   * draft of this wizard is open it asks first whether to continue that one or discard it.
   */
  async start(ctx: BotContext, data: D, note: StartNote = {}): Promise<void> {
    if (await this.askBeforeDiscarding(ctx, data, false, note)) return;
    return this.begin(ctx, data, note);
  }

  /** Begins at the summary with data already complete (e.g. a one-line command); asks first as start() does. */
  async startAtSummary(ctx: BotContext, data: D): Promise<void> {
    if (await this.askBeforeDiscarding(ctx, data, true)) return;
    return this.review(ctx, data);
  }

  private async begin(ctx: BotContext, data: D, note: StartNote = {}): Promise<void> {
    const first = this.nextStep(data, -1);
    if (!first) return this.review(ctx, data);
    await this.save(ctx, first.key, data, false);
    const prompt = toOutgoing(first.prompt(data, ctx));
    ctx.reply({ ...prompt, text: [note.before, prompt.text, note.after].filter(Boolean).join('\n') });
  }

  /** The open session of this wizard (its draft readable by this version), if any. */
  private openDraft(ctx: BotContext): { session: WizardSession; step: string; data: D } | undefined {
    const session = ctx.session;
    if (!session || !isWizardSession(session.data) || session.data.wizard !== this.id || session.data.version !== this.def.version) return undefined;
    try {
      return { session: session.data, step: session.step, data: this.decode(session.data.values, ctx) };
    } catch {
      return undefined;
    }
  }

  private async askBeforeDiscarding(ctx: BotContext, fresh: D, atSummary: boolean, note?: StartNote): Promise<boolean> {
    const open = this.openDraft(ctx);
    if (!open) return false;
    // Asked again while already asking: the newest start waits, the open draft stays where it was.
    const where = open.step === RESUME && open.session.resume ? open.session.resume : { step: open.step, editing: open.session.editing };
    const resume = { step: where.step, editing: where.editing, fresh: this.encode(fresh, ctx), atSummary, ...(note && { note }) };
    await ctx.saveSession(RESUME, { ...open.session, editing: false, resume } satisfies WizardSession);
    const described = this.def.describeOpen ? `（${this.def.describeOpen(open.data, ctx)}）` : '';
    ctx.reply({ text: `您有一份尚未提交的草稿${described}。要继续原草稿，还是放弃它并新建？`, buttons: RESUME_BUTTONS });
    return true;
  }

  /** The answer to 继续原草稿 / 放弃并新建. */
  private async resume(ctx: BotContext, answer: Answer, session: WizardSession, data: D): Promise<void> {
    const { resume } = session;
    if (!resume) return this.outdated(ctx);
    if (answer.text === DISCARD_OPEN) {
      const fresh = this.decode(resume.fresh, ctx);
      return resume.atSummary ? this.review(ctx, fresh) : this.begin(ctx, fresh, resume.note);
    }
    if (answer.text !== KEEP_OPEN) return ctx.reply({ text: WIZARD_TEXTS.resumeHint, buttons: RESUME_BUTTONS });
    if (resume.step === CONFIRM) return this.review(ctx, data);
    if (resume.step === EDIT) {
      await this.save(ctx, EDIT, data, false);
      return ctx.reply(this.editMenu(data));
    }
    const step = this.def.steps.find((s) => s.key === resume.step);
    if (!step) return this.outdated(ctx);
    await this.save(ctx, step.key, data, resume.editing);
    const prompt = toOutgoing(step.prompt(data, ctx));
    ctx.reply({ ...prompt, text: `${WIZARD_TEXTS.kept}${prompt.text}` });
  }

  /** What a user is told when their unfinished session of this wizard expires. */
  get expiredNotice(): string {
    return this.def.expiredNotice ?? `${WIZARD_TEXTS.expired}${this.def.restartHint}`;
  }

  async continue(ctx: BotContext): Promise<void> {
    const session = ctx.session;
    if (!session || !isWizardSession(session.data) || session.data.wizard !== this.id || session.data.version !== this.def.version) {
      return this.outdated(ctx);
    }
    const { editing } = session.data;
    let data: D;
    try {
      data = this.decode(session.data.values, ctx);
    } catch {
      return this.outdated(ctx);
    }
    const answer: Answer = { text: ctx.text.trim(), message: ctx.message };
    if (session.step === RESUME) return this.resume(ctx, answer, session.data, data);
    if (session.step === CONFIRM) return this.confirm(ctx, answer, data);
    if (session.step === EDIT) return this.chooseEdit(ctx, answer, data);
    const step = this.def.steps.find((s) => s.key === session.step);
    if (!step) return this.outdated(ctx);
    return this.answer(ctx, step, answer, data, editing);
  }

  private async answer(ctx: BotContext, step: WizardStep<D>, answer: Answer, data: D, editing: boolean): Promise<void> {
    const media = MEDIA_KINDS.includes(answer.message.kind);
    if (media && !step.acceptsMedia) return ctx.reply(WIZARD_TEXTS.textOnly);
    const result = await step.parse(answer, data, ctx);
    if ('error' in result) return ctx.reply(this.withIntro(result.error, step.prompt(data, ctx), result.buttons));
    if (result.stay) {
      await this.save(ctx, step.key, result.data, editing);
      return ctx.reply(result.stay);
    }
    const next = editing || step.onDemand ? undefined : this.nextStep(result.data, this.def.steps.indexOf(step));
    if (!next) return this.review(ctx, result.data);
    await this.save(ctx, next.key, result.data, false);
    ctx.reply(next.prompt(result.data, ctx));
  }

  private async review(ctx: BotContext, data: D): Promise<void> {
    const review = await this.def.review(data, ctx);
    if ('end' in review) {
      await ctx.endSession();
      return ctx.reply(review.end);
    }
    if ('ask' in review) {
      const step = this.def.steps.find((s) => s.key === review.ask);
      if (!step) throw new Error(`wizard ${this.id}: review asked for unknown step ${review.ask}`);
      await this.save(ctx, step.key, review.data, true);
      return ctx.reply(review.prompt ?? step.prompt(review.data, ctx));
    }
    await this.save(ctx, CONFIRM, review.data, false);
    ctx.reply({ ...toOutgoing(review.summary), buttons: SUMMARY_BUTTONS });
  }

  private async confirm(ctx: BotContext, answer: Answer, data: D): Promise<void> {
    if (answer.text === '确认') {
      await this.def.submit(data, ctx);
      return ctx.endSession();
    }
    if (answer.text === '修改') {
      await this.save(ctx, EDIT, data, false);
      return ctx.reply(this.editMenu(data));
    }
    const question = this.def.questions?.find((q) => q.match.test(answer.text));
    if (question) return ctx.reply({ ...toOutgoing(question.answer(data, ctx)), buttons: SUMMARY_BUTTONS });
    ctx.reply({ text: this.def.confirmHint ?? WIZARD_TEXTS.confirmHint, buttons: SUMMARY_BUTTONS });
  }

  private async chooseEdit(ctx: BotContext, answer: Answer, data: D): Promise<void> {
    const editable = this.editable(data);
    const index = Number(answer.text);
    const step = Number.isInteger(index) && index >= 1 ? editable[index - 1] : editable.find((s) => s.label === answer.text);
    if (!step) return ctx.reply(this.editMenu(data));
    await this.save(ctx, step.key, data, true);
    ctx.reply(step.prompt(data, ctx));
  }

  private editMenu(data: D): OutgoingMessage {
    const editable = this.editable(data);
    return { text: [WIZARD_TEXTS.editMenu, ...editable.map((s, i) => `${i + 1}. ${s.label}`)].join('\n'), buttons: editable.map((s) => s.label!) };
  }

  private editable(data: D): WizardStep<D>[] {
    return this.def.steps.filter((s) => s.label && (s.when?.(data) ?? true));
  }

  private nextStep(data: D, after: number): WizardStep<D> | undefined {
    return this.def.steps.slice(after + 1).find((s) => !s.onDemand && (s.when?.(data) ?? true));
  }

  /** The step asked again after why its answer was not taken; `buttons` (e.g. the names meant) replace the prompt's. */
  private withIntro(error: string, prompt: Reply, buttons?: string[]): OutgoingMessage {
    const message = toOutgoing(prompt);
    return { ...message, text: `${error}${message.text}`, ...(buttons?.length && { buttons }) };
  }

  private async save(ctx: BotContext, step: string, data: D, editing: boolean): Promise<void> {
    const session: WizardSession = { wizard: this.id, version: this.def.version, editing, values: this.encode(data, ctx) };
    await ctx.saveSession(step, session);
  }

  private encode(data: D, ctx: BotContext): unknown {
    return this.def.codec ? this.def.codec.encode(data, ctx) : data;
  }

  private decode(stored: unknown, ctx: BotContext): D {
    return this.def.codec ? this.def.codec.decode(stored, ctx) : (stored as D);
  }

  private async outdated(ctx: BotContext): Promise<void> {
    await ctx.endSession();
    ctx.reply(`${WIZARD_TEXTS.outdated}${this.def.restartHint}`);
  }
}

export function defineWizard<D>(def: WizardDefinition<D>): Wizard<D> {
  return new Wizard(def);
}
