import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** The real server (`src/server.ts`) as a child process, so a test can SIGKILL it and read its logs. */
export interface BotProcess {
  url: string;
  port: number;
  /** Every line the process wrote to stdout and stderr (pino JSON on stdout). */
  output: string[];
  child: ChildProcess;
  /** Sends a console message; resolves with the HTTP status and body, or `error` when the connection broke. */
  say(userId: string, text: string, messageId?: string): Promise<{ status: number; body: unknown } | { error: string }>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface BotProcessOptions {
  mongodbUri: string;
  env?: Record<string, string>;
  port?: number;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startBotProcess(options: BotProcessOptions): Promise<BotProcess> {
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      MONGODB_URI: options.mongodbUri,
      PORT: String(port),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const collect = (stream: NodeJS.ReadableStream | null) => {
    let rest = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      output.push(...lines);
    });
  };
  collect(child.stdout);
  collect(child.stderr);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;

  await waitUntil(async () => {
    if (child.exitCode !== null) throw new Error(`bot exited with ${child.exitCode}:\n${output.join('\n')}`);
    const res = await fetch(`${url}/healthz`).catch(() => null);
    return res?.status === 200;
  }, 45_000);

  return {
    url,
    port,
    output,
    child,
    async say(userId, text, messageId) {
      try {
        const res = await fetch(`${url}/console/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ userId, text, messageId }),
        });
        const raw = await res.text();
        let body: unknown = raw;
        try {
          body = JSON.parse(raw);
        } catch {
          // not JSON: kept as text
        }
        return { status: res.status, body };
      } catch (err) {
        return { error: (err as Error).message };
      }
    },
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** Polls until the check is true; throws (with what) after the timeout. */
export async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs: number, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
