import type Router from 'koa-router';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../../clock';
import type { Inbox } from '../../conversation/inbox';
import { listForUser } from '../../store/outbox';
import type { Channel, Delivery } from '../channel';
import { HttpError, parseJson, readBody } from '../http-body';

const messageSchema = z.object({
  userId: z.string().trim().min(1).max(64),
  text: z.string().max(10_000),
  /** Optional client message id: a resend with the same id is answered once (inbox dedupe). */
  messageId: z.string().min(1).max(128).optional(),
});

/**
 * Plain JSON over HTTP, for trying the bot locally and for end-to-end tests.
 * Delivering an outbox row means making it visible at /console/outbox.
 */
export class ConsoleChannel implements Channel {
  readonly name = 'console' as const;

  constructor(
    private readonly inbox: Inbox,
    private readonly clock: Clock,
  ) {}

  mount(router: Router): void {
    router.post('/console/messages', async (ctx) => {
      const parsed = messageSchema.safeParse(parseJson(await readBody(ctx)));
      if (!parsed.success) {
        const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || 'body'))].join(', ');
        throw new HttpError(400, `expected JSON {"userId": string, "text": string}; bad field(s): ${fields}`);
      }
      const { userId, text, messageId } = parsed.data;
      const outcome = await this.inbox.handle(
        {
          channel: 'console',
          platformMessageId: messageId ?? randomUUID(),
          userId,
          kind: 'text',
          text,
          receivedAt: this.clock.now(),
        },
        { budgetMs: null },
      );
      ctx.body = { replies: outcome.kind === 'passive' ? outcome.replies : [] };
    });

    router.get('/console/outbox', async (ctx) => {
      const userId = ctx.query.userId;
      if (typeof userId !== 'string' || userId.length === 0 || userId.length > 64) {
        throw new HttpError(400, 'query parameter userId is required');
      }
      const rows = await listForUser('console', userId);
      ctx.body = {
        messages: rows.map((row) => ({ ...row.message, createdAt: row.createdAt.toISOString(), late: row.late || undefined })),
      };
    });
  }

  async deliver(_delivery: Delivery): Promise<void> {
    // Visible at /console/outbox as soon as it is written: nothing to send.
  }
}
