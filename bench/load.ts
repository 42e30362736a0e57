import autocannon from 'autocannon';

export const CONNECTIONS = 50;

export interface LoadResult {
  /** 2xx answers per second over the whole run. */
  rps: number;
  p50_ms: number;
  p99_ms: number;
  ok: number;
  non2xx: number;
  errors: number;
  seconds: number;
}

export type LoadOptions = Omit<autocannon.Options, 'url' | 'connections'> & { url: string };

/** One autocannon run over loopback at the fixed concurrency of the issue (50 connections). */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({ connections: CONNECTIONS, pipelining: 1, timeout: 10, ...options });
  const ok = result['2xx'];
  return {
    rps: ok / result.duration,
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    seconds: result.duration,
  };
}
