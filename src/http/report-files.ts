import type Router from 'koa-router';
import type { FileOwner, ReportFiles } from '../domain/reports/files';

const NOT_AVAILABLE = '链接不存在、已过期或不属于您。请重新向机器人发送「趋势」或「导出」。';

/** Who asks: `?userId=` (and `channel`, console by default), as the console identifies its users. */
export function requesterOf(query: Router.RouterContext['query']): FileOwner | null {
  const { userId, channel = 'console' } = query;
  if (typeof userId !== 'string' || !userId || userId.length > 64) return null;
  // A malformed name is refused here; a well-formed one opens only what its owner (channel and user) requested.
  if (typeof channel !== 'string' || !/^[a-z]{1,20}$/.test(channel)) return null;
  return { channel, userId };
}

/**
 * The chart image and export download routes. A link opens only for its requester
 * and until it expires; every refusal reads the same, so a token reveals nothing.
 */
export function mountReportFiles(router: Router, files: ReportFiles): void {
  const serve =
    (disposition: 'inline' | 'attachment'): Router.Middleware =>
    async (ctx) => {
      const requester = requesterOf(ctx.query);
      const file = requester ? await files.open(String(ctx.params.token), requester) : null;
      if (!file) {
        ctx.status = 404;
        ctx.body = { error: NOT_AVAILABLE };
        return;
      }
      ctx.set('content-type', file.contentType);
      ctx.set('content-disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(file.name)}`);
      ctx.set('cache-control', 'private, no-store');
      ctx.body = file.data;
    };
  router.get('/reports/charts/:token.png', serve('inline'));
  router.get('/reports/files/:token', serve('attachment'));
}
