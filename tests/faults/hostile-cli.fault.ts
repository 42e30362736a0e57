import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PersonModel } from '../../src/store/mongo/models/person';
import { storedCases } from './support/cases';
import { freshDatabase } from './support/database';

let uri: string;
let scratch: string;

beforeAll(async () => {
  ({ uri } = await freshDatabase());
  scratch = mkdtempSync(join(tmpdir(), 'jsbot-hostile-cli-'));
});
afterAll(async () => {
  await mongoose.disconnect();
});

/** Runs `npm run cli -- <args>` (as its script does) against the test database. */
function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/index.ts', ...args],
      { env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', LOG_LEVEL: 'warn', MONGODB_URI: uri }, timeout: 120_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** One clear message, exit 1, no stack trace, nothing imported. */
async function expectRefused(result: { code: number; stderr: string }, message: RegExp): Promise<void> {
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr).not.toMatch(/Unexpected error/);
  expect(await PersonModel.countDocuments()).toBe(0);
}

// Each case starts several CLI processes (tsx compiles on start): minutes on a loaded 2-core machine.
describe('hostile arguments to npm run cli -- roster import', { timeout: 600_000 }, () => {
  it('refuses a missing argument and a missing file with one line', async () => {
    await expectRefused(await cli('roster', 'import'), /missing argument/);
    await expectRefused(await cli('roster', 'import', join(scratch, 'nope.csv')), /no such file/);
  });

  it('reads a traversed path as any other file and refuses it as a roster, importing nothing', async () => {
    await expectRefused(await cli('roster', 'import', '../../../../../../../../etc/passwd'), /nothing imported/);
    await expectRefused(await cli('roster', 'import', `config/../../../../../../etc/hostname`), /nothing imported|header/i);
  });

  it('refuses folders and devices without reading them', async () => {
    await expectRefused(await cli('roster', 'import', 'config'), /not a regular file/);
    await expectRefused(await cli('roster', 'import', '/dev/zero'), /not a regular file/);
  });

  it('refuses a CSV with NUL bytes, invalid UTF-8 or an operator object in a cell, naming the line', async () => {
    const header = 'userId,name,agency,roles,channel\n';
    const nul = join(scratch, 'nul.csv');
    writeFileSync(nul, Buffer.concat([Buffer.from(`${header}jw-x,张\u0000三,jw,officer,console\n`)]));
    const invalid = join(scratch, 'invalid.csv');
    writeFileSync(invalid, Buffer.concat([Buffer.from(`${header}jw-y,`), Buffer.from([0xff, 0xfe]), Buffer.from(',jw,officer,console\n')]));
    const operator = join(scratch, 'operator.csv');
    writeFileSync(operator, `${header}jw-z,李四,{"$ne":null},officer,console\n`);
    const traversalUser = join(scratch, 'traversal.csv');
    writeFileSync(traversalUser, `${header}../../admin,王五,jw,admin|superuser,console\n`);
    for (const file of [operator, traversalUser]) {
      await expectRefused(await cli('roster', 'import', file), /line 2|第\s*2\s*行|row 2/i);
    }
    // NUL bytes and replacement characters in a name are text, not structure: either refused with the line, or stored as text.
    for (const file of [nul, invalid]) {
      const result = await cli('roster', 'import', file);
      expect(result.stderr).not.toMatch(/^\s+at /m);
      if (result.code !== 0) expect(result.stderr).toMatch(/line 2|第\s*2\s*行|row 2/i);
    }
    expect(await storedCases()).toEqual({});
  });
});
