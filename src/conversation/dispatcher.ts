import { groupCommands } from '../config/groups';
import { Refusal } from '../domain/errors';
import { NameRefusal, choiceButtons } from '../domain/names';
import type { Services } from '../domain/services';
import { holdingKeyringOf } from '../kernel/held-keyrings';
import { errorSummary, type Logger } from '../kernel/logger';
import type { Person } from '../kernel/people';
import type { Bot, BotContext, Command, Dialog, MenuTopic } from './bot';
import { isWizardSession } from './wizard';
import { MEDIA_KINDS, messageKey, toOutgoing, type InboundMessage, type OutgoingMessage } from '../kernel/messages';
import type { SessionState, Sessions } from './sessions';
import { MAX_TEXT, TEXTS } from './texts';

const CANCEL = /^(取消|退出|cancel)$/i;

/**
 * Who is the sender → which bot handles the text → session state.
 * Returns the replies; the inbox decides how they reach the user.
 */
export class Dispatcher {
  private readonly commands: { bot: Bot; command: Command }[];

  constructor(
    private readonly bots: Bot[],
    private readonly services: Services,
    private readonly sessions: Sessions,
  ) {
    this.commands = bots.flatMap((bot) => bot.commands.map((command) => ({ bot, command })));
    const { groups } = services.config;
    for (const name of [groups.default, ...groups.groups].flatMap((g) => g.commands)) {
      const unsafe = this.commands.find(({ command }) => command.name === name && !command.groupSafe);
      if (unsafe) throw new Error(`config/groups.yaml: 「${name}」 may not answer in a group (its answers are not numbers and counts alone)`);
    }
  }

  async dispatch(message: InboundMessage): Promise<OutgoingMessage[]> {
    const sender = await this.services.roster.find(message.channel, message.userId);
    if (!sender) return [{ text: TEXTS.notRegistered }];
    if (message.group !== undefined) return this.inGroup(message, message.group, sender);
    return this.run(message, sender);
  }

  /**
   * A group reads every reply: only the commands its configuration lists (numbers and counts alone)
   * answer there. Anything else runs for the sender as in the private chat, its replies go to them
   * one-to-one through the outbox (keyed by the message, so a resumed run adds none), and the group
   * is told to talk to the bot privately, where a started dialog continues.
   */
  private async inGroup(message: InboundMessage, group: string, sender: Person): Promise<OutgoingMessage[]> {
    const command = this.findCommand(cleanText(message.text))?.entry.command;
    if (command?.groupSafe && groupCommands(this.services.config.groups, message.channel, group).includes(command.name)) {
      return this.run(message, sender);
    }
    const replies = await this.run(message, sender);
    const key = `private:${messageKey(message)}`;
    for (const [index, reply] of replies.entries()) await this.services.notifier.toPeople([sender], `${key}:${index}`, reply);
    return [{ text: TEXTS.privateOnly }];
  }

  /**
   * The sender's own session is opened first (a draft of theirs may be sealed for the agency it is routed to); the
   * bot's handling then holds the sender's agency's keyring only (src/kernel/held-keyrings.ts).
   */
  private async run(message: InboundMessage, sender: Person): Promise<OutgoingMessage[]> {
    const text = cleanText(message.text);
    if (text.length > MAX_TEXT) return [{ text: TEXTS.tooLong }];
    const owner = { channel: message.channel, userId: message.userId };
    const now = this.services.clock.now();
    const session = await this.sessions.load(owner, now);
    if (CANCEL.test(text)) {
      if (!session) return [{ text: TEXTS.nothingToCancel }];
      await this.sessions.end(owner);
      return [{ text: TEXTS.cancelled }];
    }

    const replies: OutgoingMessage[] = [];
    const ctx: BotContext = {
      sender,
      text,
      message,
      session,
      services: this.services,
      reply: (reply) => void replies.push(toOutgoing(reply)),
      saveSession: async (step, data) => {
        if (!activeBot) throw new Error('saveSession outside a bot');
        await this.sessions.save(owner, { bot: activeBot.name, step, data }, this.services.clock.now());
      },
      endSession: () => this.sessions.end(owner),
    };
    let activeBot: Bot | undefined;

    const matched = this.findCommand(text);
    // An open wizard reads the next message, unless it is an explicit command.
    if (session && !matched) {
      activeBot = this.bots.find((b) => b.name === session.bot);
      const dialog = this.dialogOf(activeBot, session);
      if (dialog) {
        await holdingKeyringOf(sender.agency, () => refusalsAsReplies(() => dialog.continue(ctx), replies, this.services.logger, text));
        return replies;
      }
      // A session no bot of this version can continue (renamed bot or wizard): end it politely.
      await this.sessions.end(owner);
      return [{ text: TEXTS.sessionLost }];
    }
    if (!matched) {
      if (MEDIA_KINDS.includes(message.kind)) return [{ text: TEXTS.mediaOutsideDialog }];
      // A command's name with its parts missing or malformed (「回复」, 「参加 示例」): how to send it.
      const first = text.split(/[\s：:]/u)[0];
      const named = this.bots.flatMap((b) => b.commands).find((c) => c.name === first);
      return [{ text: named ? TEXTS.usage(named.usage) : TEXTS.notUnderstood }];
    }
    if (!this.mayUse(sender, matched.entry.command)) {
      const { command } = matched.entry;
      return [
        { text: this.permitted(sender, command) ? TEXTS.notForAgency(command.name, this.services.org.name(sender.agency)) : this.permissionDenied(command) },
      ];
    }
    // A command does not end an open wizard: its next free text still goes there (or 取消 ends it).
    activeBot = matched.entry.bot;
    await holdingKeyringOf(sender.agency, () => refusalsAsReplies(() => matched.entry.command.handle(ctx, matched.match), replies, this.services.logger, text));
    return replies;
  }

  /** What 帮助 lists: the commands a person may use under their bots' headings, in registration order. */
  menuFor(person: Person): MenuTopic[] {
    const menu: MenuTopic[] = [];
    for (const { bot, command } of this.commands) {
      if (!this.mayUse(person, command)) continue;
      const topic = menu.find((t) => t.topic === bot.topic);
      if (topic) topic.commands.push(command);
      else menu.push({ topic: bot.topic, commands: [command] });
    }
    return menu;
  }

  /** What to tell the owner of a session that expired unfinished (nothing when no dialog of this version owns it). */
  expiredNotice(session: SessionState): string | undefined {
    return this.dialogOf(
      this.bots.find((b) => b.name === session.bot),
      session,
    )?.expiredNotice;
  }

  private mayUse(person: Person, command: Command): boolean {
    return this.permitted(person, command) && (command.available?.(person, this.services) ?? true);
  }

  private permitted(person: Person, command: Command): boolean {
    return !command.permission || this.services.org.may(person, command.permission);
  }

  private permissionDenied(command: Command): string {
    const { org } = this.services;
    const who = command.permission
      ? org
          .rolesFor(command.permission)
          .map((code) => org.roleName(code))
          .join('、')
      : '';
    return `「${command.name}」仅限${who}使用。如需开通，请联系本单位联络员或系统管理员。发送「帮助」查看您可用的命令。`;
  }

  private dialogOf(bot: Bot | undefined, session: SessionState): Dialog | undefined {
    const wizards = bot?.wizards ?? [];
    const id = isWizardSession(session.data) ? session.data.wizard : undefined;
    // An older session without a wizard id goes to the bot's only wizard, which ends it as outdated.
    return wizards.find((w) => w.id === id) ?? (wizards.length === 1 ? wizards[0] : undefined);
  }

  private findCommand(text: string) {
    for (const entry of this.commands) {
      const match = text.match(entry.command.match);
      if (match) return { entry, match };
    }
    return undefined;
  }
}

/**
 * The one error boundary of the bots: a Refusal from any handler or service becomes its reply
 * (the domain changed nothing); any other error goes up to the inbox, which logs it and answers TEXTS.failed.
 */
async function refusalsAsReplies(handle: () => Promise<void>, replies: OutgoingMessage[], logger: Logger, text: string): Promise<void> {
  try {
    await handle();
  } catch (err) {
    if (!(err instanceof Refusal)) throw err;
    if (err.operatorNote) logger.error({ err: errorSummary(err.cause) }, err.operatorNote);
    const buttons = err instanceof NameRefusal ? choiceButtons(err, text) : [];
    replies.push({ text: err.message, ...(buttons.length && { buttons }) });
  }
}

/** Drops control characters (keeps line breaks) and surrounding white space. */
export function cleanText(text: string): string {
  return text.replace(/[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F]/g, '').trim();
}
