import type Router from 'koa-router';
import type { FileAccessService } from '../domain/file-access/file-access-service';
import { watermarkedHtml, watermarkedText } from '../domain/file-access/watermark';
import { signInPath } from '../domain/links/link-tokens';
import type { ViewerOf } from './viewer';

const NOT_AVAILABLE = '链接不存在、已过期、已撤销或不属于您。';

/**
 * The approved materials of a 调阅 request: the listing (watermarked HTML), each attached file (watermarked), and
 * for copy scope the downloads. A link opens only for its requester — the link token is bound to them on the server
 * and the viewer is identified by their channel (src/http/viewer.ts), never by the query — and until it expires;
 * every refusal is the same 404, so a token reveals nothing. A browser that identifies nobody on a valid link issued
 * to a WeCom/DingTalk user is sent to that platform's sign-in (src/http/sign-in.ts) and back, so a tap in the app opens
 * it; signed in as anyone else, it is the same 404.
 */
export function mountFileAccess(router: Router, fileAccess: FileAccessService, viewerOf: ViewerOf, signsIn: (channel: string) => boolean): void {
  const notAvailable = async (ctx: Router.RouterContext) => {
    if (!viewerOf(ctx) && ctx.method === 'GET' && ctx.get('accept').includes('text/html')) {
      const channel = await fileAccess.linkChannel(String(ctx.params.token));
      if (channel && signsIn(channel)) return ctx.redirect(signInPath(channel, ctx.path));
    }
    ctx.status = 404;
    ctx.body = { error: NOT_AVAILABLE };
  };
  const headers = (ctx: Router.RouterContext) => {
    ctx.set('cache-control', 'private, no-store');
    ctx.set('referrer-policy', 'no-referrer');
    ctx.set('x-content-type-options', 'nosniff');
  };
  const listing =
    (action: 'view' | 'download'): Router.Middleware =>
    async (ctx) => {
      headers(ctx);
      const view = await fileAccess.open(String(ctx.params.token), viewerOf(ctx), action);
      if (!view) return notAvailable(ctx);
      if (action === 'view') {
        ctx.type = 'text/html; charset=utf-8';
        ctx.set('content-disposition', 'inline');
        ctx.set('content-security-policy', "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'");
        ctx.body = watermarkedHtml(view);
        return;
      }
      ctx.type = 'text/plain; charset=utf-8';
      ctx.set('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${view.title}.txt`)}`);
      ctx.body = watermarkedText(view);
    };
  const file =
    (action: 'view' | 'download'): Router.Middleware =>
    async (ctx) => {
      headers(ctx);
      const index = Number(ctx.params.index);
      const served = /^\d{1,3}$/.test(String(ctx.params.index)) ? await fileAccess.openFile(String(ctx.params.token), viewerOf(ctx), index, action) : null;
      if (!served) return notAvailable(ctx);
      ctx.set('content-type', served.contentType);
      // View scope: inline only, never `attachment` (the browser is not offered a download).
      ctx.set('content-disposition', `${served.disposition}; filename*=UTF-8''${encodeURIComponent(served.name)}`);
      if (served.contentType.startsWith('text/html')) ctx.set('content-security-policy', "default-src 'none'; img-src data:; style-src 'unsafe-inline'");
      ctx.body = served.bytes;
    };
  router.get('/file-access/:token', listing('view'));
  router.get('/file-access/:token/download', listing('download'));
  router.get('/file-access/:token/files/:index', file('view'));
  router.get('/file-access/:token/files/:index/download', file('download'));
}
