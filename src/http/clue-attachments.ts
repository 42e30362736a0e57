import type Router from 'koa-router';
import type { ClueAttachments } from '../domain/clues/attachments';
import { ATTACHMENT_LINK_PREFIX } from '../domain/clues/attachments';
import type { ViewerOf } from './viewer';

const NOT_AVAILABLE = '链接不存在、已过期或不属于您。请重新向机器人发送「附件 XS-年份-编号 <序号>」。';

/**
 * GET /clues/attachments/:token — a clue attachment behind a 附件 link, for the person it was issued to (the viewer
 * as their channel identifies them) until it expires. Every refusal reads the same; nothing is cached.
 */
export function mountClueAttachments(router: Router, attachments: ClueAttachments, viewerOf: ViewerOf): void {
  router.get(`${ATTACHMENT_LINK_PREFIX}:token`, async (ctx) => {
    const file = await attachments.openLink(`${ATTACHMENT_LINK_PREFIX}${ctx.params.token}`, viewerOf(ctx));
    ctx.set('cache-control', 'private, no-store');
    ctx.set('referrer-policy', 'no-referrer');
    if (!file) {
      ctx.status = 404;
      ctx.body = { error: NOT_AVAILABLE };
      return;
    }
    const inline = file.contentType.startsWith('image/');
    ctx.set('content-type', file.contentType);
    ctx.set('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`);
    ctx.set('x-content-type-options', 'nosniff');
    ctx.body = file.bytes;
  });
}
