import type { BotContext } from '../src/conversation/bot';
import { Refused } from '../src/domain/documents/refused';

/** Runs a handler; a refusal from the domain becomes the reply, with nothing changed. */
export async function refusalsAsReplies(ctx: BotContext, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    if (err instanceof Refused) return ctx.reply(err.message);
    throw err;
  }
}
