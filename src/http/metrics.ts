import type Router from 'koa-router';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { ConnectionHealth } from '../channels/long-connection';

/**
 * GET /metrics (Prometheus text format): the process (memory, event-loop lag …) and every long
 * connection's state, last message time and reconnect count — what /readyz shows, for alerting on a
 * connection that died quietly. One registry per app, so several bots in one process do not mix.
 */
export function mountMetrics(router: Router, connections: () => ConnectionHealth[], isReady: (state: ConnectionHealth['state']) => boolean): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'jsbot_' });
  const labelNames = ['connection'] as const;
  const each = (gauge: Gauge<'connection'>, value: (c: ConnectionHealth) => number) => {
    gauge.reset();
    for (const c of connections()) gauge.set({ connection: c.name }, value(c));
  };
  new Gauge({
    name: 'jsbot_connection_up',
    help: 'Whether a long connection (WeCom AI bot, DingTalk Stream) is healthy — open, or on standby while another process holds it: 1 or 0.',
    labelNames,
    registers: [registry],
    collect() {
      each(this, (c) => (isReady(c.state) ? 1 : 0));
    },
  });
  new Gauge({
    name: 'jsbot_connection_last_message_seconds',
    help: 'When the connection last carried a platform message (Unix seconds; 0 before the first).',
    labelNames,
    registers: [registry],
    collect() {
      each(this, (c) => c.lastMessageAt / 1000);
    },
  });
  new Gauge({
    name: 'jsbot_connection_reconnects',
    help: 'Connections opened after the first one, since the process started.',
    labelNames,
    registers: [registry],
    collect() {
      each(this, (c) => c.reconnects);
    },
  });
  router.get('/metrics', async (ctx) => {
    ctx.type = registry.contentType;
    ctx.body = await registry.metrics();
  });
}
