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
  /** The sender's open dialog, if any (written by the wizard runner, src/conversation/wizard.ts). */
  session: SessionState | null;
  /** Starts or moves the sender's dialog, owned by the bot handling this message. */
  saveSession(step: string, data: unknown): Promise<void>;
  endSession(): Promise<void>;
  reply(reply: Reply): void;
  services: Services;
}

export interface Command {
  /** The keyword shown in 帮助, e.g. 提交线索. */
  name: string;
  /** One line for 帮助: usage and what it does. */
  usage: string;
  /** A message an officer would send to run it; a test checks it reaches this very command. */
  example: string;
  /** The purpose it serves (config/roles.yaml `permissions`); omitted = every registered person. */
  permission?: Permission;
  /**
   * Whether it can apply to the person's agency at all (e.g. 受理 only in an agency clues go to, 登记检察建议
   * only in the procuratorate), asked of the same domain rule the service enforces; omitted = everywhere.
   * 帮助 lists a command only when both this and `permission` allow it.
   */
  available?(person: Person, services: Services): boolean;
  /**
   * Its answers carry numbers and counts alone (no clue facts, reporter, attachment or draft), so a
   * group's configuration (config/groups.yaml) may let it answer inside the group.
   */
  groupSafe?: true;
  match: RegExp;
  handle(ctx: BotContext, match: RegExpMatchArray): Promise<void>;
}

export interface Bot {
  /** Unique name; a session belongs to the bot that started it. */
  name: string;
  /** The heading its commands are listed under in 帮助 (bots may share one, e.g. 线索). */
  topic: string;
  commands: Command[];
  /** Its multi-step dialogs: the next message of an open one goes to it. */
  wizards?: readonly Dialog[];
}

/** The commands of one 帮助 heading that a person may use. */
export interface MenuTopic {
  topic: string;
  commands: Command[];
}

/** A multi-step dialog as the dispatcher sees it (src/conversation/wizard.ts): which sessions it owns and how it continues them. */
export interface Dialog {
  readonly id: string;
  continue(ctx: BotContext): Promise<void>;
  /** Told to the user when their session of this dialog expires unfinished. */
  readonly expiredNotice?: string;
}
