import type { Permission } from '../config/roles';
import type { Services } from '../domain/services';
import type { Person } from '../kernel/people';
import type { InboundMessage, Reply } from '../kernel/messages';
import type { SessionState } from './sessions';

/** What a bot sees of one inbound message. No HTTP, no platform, no raw database. */
export interface BotContext {
  sender: Person;
  /** The trimmed text of the message (for events, the command they stand for). */
  text: string;
  message: InboundMessage;
  /** The sender's open wizard, if any. */
  session: SessionState | null;
  startSession(step: string, data?: Record<string, unknown>): Promise<void>;
  updateSession(step: string, data: Record<string, unknown>): Promise<void>;
  endSession(): Promise<void>;
  reply(reply: Reply): void;
  services: Services;
}

export interface Command {
  /** The keyword shown in 帮助, e.g. 提交线索. */
  name: string;
  /** One line for 帮助: usage and what it does. */
  usage: string;
  /** The purpose it serves (config/roles.yaml `permissions`); omitted = every registered person. */
  permission?: Permission;
  match: RegExp;
  handle(ctx: BotContext, match: RegExpMatchArray): Promise<void>;
}

export interface Bot {
  /** Unique name; a session belongs to the bot that started it. */
  name: string;
  commands: Command[];
  /** Called with the next message while this bot's wizard is open. */
  continueSession?(ctx: BotContext): Promise<void>;
}
