import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A FerretDB of the test's own, so it can be killed and brought back without touching the shared one. */
export interface OwnFerretDb {
  dir: string;
  port: number;
  pid: number;
  /** The URI of one database on it. */
  uri(dbName: string): string;
  /** SIGKILL: the database vanishes mid-conversation, as in a crash of its host. */
  kill(): void;
  /** Starts it again on the same data folder and port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

async function launch(dir = '', port = ''): Promise<{ dir: string; port: number; pid: number }> {
  const { stdout } = await run('scripts/ferretdb.sh', ['start', dir, port].filter(Boolean), { timeout: 120_000 });
  const value = (name: string) => {
    const line = stdout.split('\n').find((l) => l.startsWith(`${name}=`));
    if (!line) throw new Error(`ferretdb.sh printed no ${name}: ${stdout}`);
    return line.slice(name.length + 1);
  };
  return { dir: value('FERRETDB_DIR'), port: Number(new URL(value('MONGODB_URI')).port), pid: Number(value('FERRETDB_PID')) };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function startOwnFerretDb(): Promise<OwnFerretDb> {
  const started = await launch();
  const db: OwnFerretDb = {
    ...started,
    uri: (dbName) => `mongodb://127.0.0.1:${db.port}/${dbName}`,
    kill() {
      if (alive(db.pid)) process.kill(db.pid, 'SIGKILL');
    },
    async restart() {
      for (let i = 0; i < 50 && alive(db.pid); i++) await new Promise((r) => setTimeout(r, 100));
      db.pid = (await launch(db.dir, String(db.port))).pid;
    },
    async stop() {
      await run('scripts/ferretdb.sh', ['stop', String(db.pid)]);
    },
  };
  return db;
}
