import type Router from 'koa-router';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB_DIR = fileURLToPath(new URL('./web', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-cache',
};

/**
 * The web chat simulator: static files read once from ./web and served by name,
 * so only the files that exist there can ever be requested (no path from the URL touches the disk).
 */
export function mountWebPage(router: Router): void {
  const files = new Map<string, { body: Buffer; type: string }>();
  for (const name of readdirSync(WEB_DIR)) {
    const type = CONTENT_TYPES[extname(name)];
    if (type) files.set(name, { body: readFileSync(join(WEB_DIR, name)), type });
  }
  const send = (ctx: Router.RouterContext, name: string) => {
    const file = files.get(name);
    if (!file) return;
    ctx.set(SECURITY_HEADERS);
    ctx.type = file.type;
    ctx.body = file.body;
  };
  router.get('/console', (ctx) => send(ctx, 'index.html'));
  router.get('/console/web/:file', (ctx) => send(ctx, ctx.params.file ?? ''));
}
