import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { StartupError } from '../runtime';

const MAX_INPUT_BYTES = 20 * 1024 * 1024;

/** Reads a text file named on the command line: missing, a folder or too large → one clear line. */
export async function readInputFile(path: string | undefined, what: string): Promise<string> {
  return (await readInputBytes(path, what)).toString('utf8');
}

/** Reads a file named on the command line as bytes (e.g. an Excel workbook). */
export async function readInputBytes(path: string | undefined, what: string): Promise<Buffer> {
  if (!path) throw new StartupError(`missing argument: the ${what} file to read`);
  const full = resolve(path);
  const info = await stat(full).catch(() => null);
  if (!info) throw new StartupError(`${path}: no such file`);
  if (!info.isFile()) throw new StartupError(`${path}: not a regular file`);
  if (info.size > MAX_INPUT_BYTES) throw new StartupError(`${path}: larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB`);
  return readFile(full);
}
