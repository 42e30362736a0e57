import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmbeddedDatabaseUnavailable, startEmbeddedMongo } from './connection';

/** A database server this process started because MONGODB_URI was not set. */
export interface LocalDatabase {
  uri: string;
  /** What was started, for the one log line that says so. */
  kind: string;
  stop(): Promise<void>;
}

export class NoLocalDatabase extends Error {
  override name = 'NoLocalDatabase';
}

const FERRETDB_SCRIPT = fileURLToPath(new URL('../../../scripts/ferretdb.sh', import.meta.url));

/**
 * Without MONGODB_URI: an embedded MongoDB (mongodb-memory-server, when its binary is cached
 * or can be downloaded), else FerretDB built and started by scripts/ferretdb.sh (on the local
 * PostgreSQL when it accepts connections, else SQLite), with its files under dataDir.
 * Offline machines such as CI take the second road; the first FerretDB build prints its progress.
 */
export async function startLocalDatabase(dataDir: string, options: { throwAway?: boolean } = {}): Promise<LocalDatabase> {
  let embeddedFailure: string;
  try {
    const embedded = await startEmbeddedMongo(dataDir);
    return { uri: embedded.uri, kind: 'embedded MongoDB (mongodb-memory-server)', stop: embedded.stop };
  } catch (err) {
    if (!(err instanceof EmbeddedDatabaseUnavailable)) throw err;
    embeddedFailure = err.message;
  }
  try {
    return await startFerretDb(resolve(dataDir, 'ferretdb'), options.throwAway ?? false);
  } catch (err) {
    throw new NoLocalDatabase(
      `No database: MONGODB_URI is not set, the embedded MongoDB could not start (${embeddedFailure}) and FerretDB could not start (${(err as Error).message}). ` +
        'Set MONGODB_URI to a MongoDB or FerretDB server (e.g. mongodb://127.0.0.1:27017/jsbot), or install Go so scripts/ferretdb.sh can build FerretDB.',
    );
  }
}

async function startFerretDb(dir: string, throwAway: boolean): Promise<LocalDatabase> {
  mkdirSync(dir, { recursive: true });
  const env = { ...process.env, FERRETDB_HANDLER: process.env.FERRETDB_HANDLER ?? 'auto' };
  const printed = parseAssignments(await runScript(['start', dir], env));
  const uri = printed.get('MONGODB_URI');
  const pid = printed.get('FERRETDB_PID');
  if (!uri || !pid) throw new Error('scripts/ferretdb.sh printed no MONGODB_URI');
  const kind = `FerretDB (${printed.get('FERRETDB_HANDLER') ?? 'sqlite'}) under ${dir}`;
  // A FerretDB another process started (the running bot's, for the CLI) is left to that process.
  if (printed.get('FERRETDB_SHARED')) return { uri, kind: `the running ${kind}`, stop: async () => {} };
  const stop = async () => {
    await runScript(['stop', pid], env);
    if (throwAway) await runScript(['discard', dir], env);
  };
  return { uri, kind, stop };
}

function parseAssignments(stdout: string): Map<string, string> {
  const pairs = stdout
    .split('\n')
    .map((line) => /^([A-Z_]+)=(.*)$/.exec(line.trim()))
    .filter((match): match is RegExpExecArray => match !== null);
  return new Map(pairs.map((match) => [match[1]!, match[2]!]));
}

/** Runs the script with its stderr (build progress, errors) shown to the user. */
function runScript(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(FERRETDB_SCRIPT, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolvePromise(stdout) : reject(new Error(`scripts/ferretdb.sh ${args[0]} exited with ${code}`))));
  });
}
