import { createBot } from '../app';
import type { Runtime } from '../runtime';

/**
 * `keys reencrypt`: after a rotation (new CLUE_ENCRYPTION_KEY, the old one in CLUE_ENCRYPTION_OLD_KEYS),
 * seals every clue again under the new key; once it reports no clue changed meanwhile, the old key may be dropped.
 */
export async function keysReencrypt(runtime: Runtime): Promise<void> {
  const bot = createBot(runtime.config, runtime.clock, runtime.logger);
  const { resealed, busy } = await bot.services.clues.resealAll();
  const again = busy ? `; ${busy} changed meanwhile: run it again` : '';
  process.stdout.write(`keys reencrypt: ${resealed} clues sealed again under key ${runtime.config.clueKeys.keyring.activeKeyId}${again}\n`);
  if (busy) process.exitCode = 1;
}
