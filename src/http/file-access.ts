import type Router from 'koa-router';
import type { FileAccessService } from '../domain/file-access/file-access-service';
import { watermarkedHtml, watermarkedText } from '../domain/file-access/watermark';
import { requesterOf } from './report-files';

const NOT_AVAILABLE = '链接不存在、已过期、已撤销或不属于您。';

/**
 * The approved materials of a 调阅 request: the view (watermarked HTML) and, for copy scope, the
 * download. A link opens only for its requester (`?userId=`, and `&channel=` off the console) and
 * until it expires; every refusal is the same 404, so a token reveals nothing.
 */
export function mountFileAccess(router: Router, fileAccess: FileAccessService): void {
  const serve =
    (action: 'view' | 'download'): Router.Middleware =>
    async (ctx) => {
      const requester = requesterOf(ctx.query);
      const view = requester ? await fileAccess.open(String(ctx.params.token), requester, action) : null;
      ctx.set('cache-control', 'private, no-store');
      if (!view) {
        ctx.status = 404;
        ctx.body = { error: NOT_AVAILABLE };
        return;
      }
      if (action === 'view') {
        ctx.type = 'text/html; charset=utf-8';
        ctx.set('content-disposition', 'inline');
        ctx.body = watermarkedHtml({ ...view, downloadUrl: view.downloadUrl && `${view.downloadUrl}?${new URLSearchParams(ctx.querystring)}` });
        return;
      }
      ctx.type = 'text/plain; charset=utf-8';
      ctx.set('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${view.title}.txt`)}`);
      ctx.body = watermarkedText(view);
    };
  router.get('/file-access/:token', serve('view'));
  router.get('/file-access/:token/download', serve('download'));
}
