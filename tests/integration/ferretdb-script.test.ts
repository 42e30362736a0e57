import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

async function ferretdb(...args: string[]): Promise<Map<string, string>> {
  const { stdout } = await run('scripts/ferretdb.sh', args, { timeout: 120_000 });
  return new Map(
    stdout
      .trim()
      .split('\n')
      .map((line) => line.split('=', 2) as [string, string]),
  );
}

describe('scripts/ferretdb.sh, as the bot and the CLI use it without MONGODB_URI', () => {
  it('shares the FerretDB already serving a folder, and discards a throw-away folder with its data', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'jsbot-ferretdb-script-')), 'ferretdb');
    const first = await ferretdb('start', dir);
    try {
      const second = await ferretdb('start', dir);
      expect(second.get('MONGODB_URI')).toBe(first.get('MONGODB_URI'));
      expect(second.get('FERRETDB_PID')).toBe(first.get('FERRETDB_PID'));
      expect(second.get('FERRETDB_SHARED')).toBe('1');
      expect(first.get('FERRETDB_SHARED')).toBeUndefined();
      const connection = await mongoose.createConnection(second.get('MONGODB_URI')!).asPromise();
      expect((await connection.db!.admin().ping()).ok).toBe(1);
      await connection.close();
    } finally {
      await ferretdb('stop', first.get('FERRETDB_PID')!);
    }
    await ferretdb('discard', dir);
    expect(existsSync(dir)).toBe(false);
  }, 180_000);
});
