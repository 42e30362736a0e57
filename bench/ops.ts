import type { ServerProcess } from './server-process';

/** The bot server's database commands by name and collection, and the documents they wrote (bench/server.ts, `ops`). */
export interface Ops {
  commands: Record<string, number>;
  written: number;
}

export interface OpsPer {
  /** Documents inserted, updated or deleted per unit of work. */
  written: number;
  /** Commands per unit of work, by name and collection ("find conversations"). */
  commands: Record<string, number>;
}

export function readOps(bot: ServerProcess): Promise<Ops> {
  return bot.request<Ops>({ cmd: 'ops' });
}

/** What the server sent between two readings, per one of `units` (messages, clues, answers). */
export function opsPer(before: Ops, after: Ops, units: number): OpsPer {
  const per = (n: number) => Number((n / Math.max(1, units)).toFixed(2));
  return {
    written: per(after.written - before.written),
    commands: Object.fromEntries(
      Object.entries(after.commands)
        .map(([name, n]) => [name, per(n - (before.commands[name] ?? 0))] as const)
        .filter(([, n]) => n > 0),
    ),
  };
}
