import type Router from 'koa-router';
import type { ReportFiles } from '../domain/reports/files';
import type { ViewerOf } from './viewer';

const NOT_AVAILABLE = '链接不存在、已过期或不属于您。请重新向机器人发送「趋势」或「导出」。';

/**
 * The chart image and export download routes. A link opens only for the person it was issued to (the viewer as
 * their channel identifies them, never a query parameter) and until it expires; every refusal reads the same.
 */
export function mountReportFiles(router: Router, files: ReportFiles, viewerOf: ViewerOf): void {
  const serve =
    (disposition: 'inline' | 'attachment'): Router.Middleware =>
    async (ctx) => {
      const file = await files.open(String(ctx.params.token), viewerOf(ctx));
      ctx.set('cache-control', 'private, no-store');
      ctx.set('referrer-policy', 'no-referrer');
      if (!file) {
        ctx.status = 404;
        ctx.body = { error: NOT_AVAILABLE };
        return;
      }
      ctx.set('content-type', file.contentType);
      ctx.set('content-disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(file.name)}`);
      ctx.body = file.data;
    };
  router.get('/reports/charts/:token.png', serve('inline'));
  router.get('/reports/files/:token', serve('attachment'));
}
