import { createBot } from '../app';
import type { Runtime } from '../runtime';
import { resealConversations } from '../store/mongo/inbox';
import { resealOutbox } from '../store/mongo/outbox';
import { resealRegisters } from '../store/mongo/sealed-registers';
import { resealSessions } from '../store/mongo/sessions';

/**
 * `keys reencrypt`: after a rotation (a new CLUE_ENCRYPTION_KEY or CLUE_ENCRYPTION_KEY_<AGENCY>, the old one in the
 * matching OLD_KEYS variable), seals every clue, every register row and the conversation log, outbox and sessions again
 * under the current key of the agency they belong to (the county's when none). Once it reports no clue changed
 * meanwhile, an old agency key may be dropped; an old county key still opens attachment files and the append-only
 * audit log's actors, which are not re-sealed (SECURITY.md). Prints counts only.
 */
export async function keysReencrypt(runtime: Runtime): Promise<void> {
  const bot = createBot(runtime.config, runtime.clock, runtime.logger);
  const { resealed, busy } = await bot.services.clues.resealAll();
  const registers = {
    ...(await resealRegisters()),
    conversations: await resealConversations(),
    outbox: await resealOutbox(),
    sessions: await resealSessions(),
  };
  const again = busy ? `; ${busy} changed meanwhile: run it again` : '';
  const rows = Object.entries(registers)
    .map(([model, n]) => `${model} ${n}`)
    .join(', ');
  process.stdout.write(`keys reencrypt: ${resealed} clues sealed again under each agency's current key${again}; register rows: ${rows}\n`);
  if (busy) process.exitCode = 1;
}
