import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { TestBot } from './test-bot';

const run = promisify(execFile);

/** One scheduler tick of the test bot as of `iso`, with its clock moved there. */
export async function tickAt(bot: TestBot, iso: string) {
  const at = new Date(iso);
  bot.clock.set(at);
  return bot.scheduler.tick(at);
}

/** `npm run cli -- scheduler tick --at <iso>` as its own process, against the test bot's database (`env`: e.g. a platform's settings). */
export async function cliTick(bot: TestBot, iso: string, env: Record<string, string> = {}): Promise<string> {
  const uri = new URL(process.env.MONGODB_URI!);
  uri.pathname = `/${bot.dbName}`;
  const { stdout } = await run('npx', ['tsx', 'src/cli/index.ts', 'scheduler', 'tick', '--at', iso, '--allow-future'], {
    env: { ...process.env, MONGODB_URI: uri.toString(), LOG_LEVEL: 'silent', NODE_ENV: 'test', ...env },
  });
  return stdout;
}

/** Texts pushed to a console user that contain `marker`. */
export async function pushed(bot: TestBot, userId: string, marker: string): Promise<string[]> {
  return (await bot.outbox(userId)).map((m) => m.text).filter((text) => text.includes(marker));
}
