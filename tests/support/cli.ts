import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestBot } from './test-bot';

const run = promisify(execFile);

/** Runs `npm run cli -- <args>` against the test bot's database. */
export async function runCli(bot: TestBot, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const uri = new URL(process.env.MONGODB_URI!);
  uri.pathname = `/${bot.dbName}`;
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'src/cli/index.ts', ...args], {
      env: { ...process.env, MONGODB_URI: uri.toString(), LOG_LEVEL: 'silent', NODE_ENV: 'test' },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Writes a file in a fresh temporary folder and returns its path. */
export function writeTemp(name: string, content: string | Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'jsbot-cli-')), name);
  writeFileSync(path, content);
  return path;
}
