import type Router from 'koa-router';
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { AnswerPolicy } from '../../kernel/inbound';
import { OUTBOX_PAGE } from '../../kernel/messages';
import type { Channel, ChannelDeps, Delivery, PushedMessage } from '../channel';
import { HttpError, parseJson, readBody } from '../http-body';
import { listConsoleRoster } from './roster-listing';
import { mountWebPage } from './web-page';

/**
 * A control character in an id is shown, never dropped (`jw-officer\u0000` must stay an unknown sender, not become
 * jw-officer) and never stored as such (PostgreSQL-backed FerretDB cannot hold NUL).
 */
const visibleId = (id: string) => id.replace(/[\u0000-\u001f\u007f]/g, '\ufffd');

const messageSchema = z.object({
  userId: z.string().trim().min(1).max(64).transform(visibleId),
  text: z.string().max(10_000),
  /** Optional client message id: a resend with the same id is answered once (inbox dedupe). */
  messageId: z.string().min(1).max(128).transform(visibleId).optional(),
});

/** ?limit=&before= of /console/outbox: a single value each (an array or object is refused). */
const pageSchema = z.object({
  limit: z.coerce.number().int().min(1).max(OUTBOX_PAGE.max).optional(),
  before: z.string().max(64).optional(),
});

/** The HTTP answer carries every reply, however long they take. */
const ANSWERS: AnswerPolicy = { kind: 'passive', budgetMs: null };

/**
 * Plain JSON over HTTP, for trying the bot locally and for end-to-end tests.
 * Delivering an outbox row means making it visible at /console/outbox.
 */
export class ConsoleChannel implements Channel {
  readonly name = 'console' as const;

  constructor(private readonly deps: Pick<ChannelDeps, 'config' | 'clock' | 'receive' | 'reads'>) {}

  mount(router: Router): void {
    router.use(['/console/messages', '/console/outbox', '/console/roster'], this.guard());
    router.post('/console/messages', async (ctx) => {
      // A form or text/plain POST from another origin needs no preflight: only JSON is taken.
      if (!ctx.is('application/json')) throw new HttpError(415, 'expected Content-Type: application/json');
      const parsed = messageSchema.safeParse(parseJson(await readBody(ctx)));
      if (!parsed.success) {
        const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || 'body'))].join(', ');
        throw new HttpError(400, `expected JSON {"userId": string, "text": string}; bad field(s): ${fields}`);
      }
      const { userId, text, messageId } = parsed.data;
      const answer = await this.deps.receive(
        {
          kind: 'message',
          message: { channel: 'console', platformMessageId: messageId ?? randomUUID(), userId, kind: 'text', text, receivedAt: this.deps.clock.now() },
        },
        ANSWERS,
      );
      ctx.body = { replies: answer.kind === 'passive' ? answer.replies : [] };
    });

    router.get('/console/outbox', async (ctx) => {
      const userId = ctx.query.userId;
      if (typeof userId !== 'string' || userId.length === 0 || userId.length > 64) {
        throw new HttpError(400, 'query parameter userId is required');
      }
      const page = pageSchema.safeParse({ limit: ctx.query.limit, before: ctx.query.before });
      if (!page.success) throw new HttpError(400, `limit must be 1–${OUTBOX_PAGE.max}; before must be a page's next`);
      const pushed = await this.deps.reads.pushedTo('console', userId, page.data);
      ctx.body = {
        // Newest first; `next` asks for the older page (…&before=<next>).
        next: pushed.next,
        messages: withCardsUpdated(pushed.rows).map(({ row, updatedAt }) => ({
          id: row.key,
          ...row.message,
          createdAt: row.createdAt.toISOString(),
          late: row.late || undefined,
          updatedAt: updatedAt?.toISOString(),
        })),
      };
    });

    router.get('/console/roster', async (ctx) => {
      ctx.body = listConsoleRoster(await this.deps.reads.people(), this.deps.config);
    });

    mountWebPage(router);
  }

  /** With CONSOLE_TOKEN set, the console's API answers only requests that carry it (the page's files stay public). */
  private guard(): Router.Middleware {
    const token = this.deps.config.env.CONSOLE_TOKEN;
    const expected = token === undefined ? undefined : digest(token);
    return async (ctx, next) => {
      if (expected) {
        const given = /^Bearer (.+)$/.exec(ctx.get('authorization'))?.[1];
        if (given === undefined || !timingSafeEqual(digest(given), expected)) throw new HttpError(401, 'console token required');
      }
      await next();
    };
  }

  async deliver(_delivery: Delivery): Promise<void> {
    // Visible at /console/outbox as soon as it is written: nothing to send.
  }
}

/** Compared as digests, so the comparison takes the same time whatever the lengths. */
function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/**
 * The console shows a card's update in place, as the platforms do: the card keeps its place and id and takes the
 * update's content (and when it changed); an update whose card is not on the page is shown on its own.
 * `rows` and the result are newest first.
 */
function withCardsUpdated(rows: PushedMessage[]): { row: PushedMessage; updatedAt?: Date }[] {
  const shown: { row: PushedMessage; updatedAt?: Date }[] = [];
  const cardAt = new Map<string, number>();
  for (const row of [...rows].reverse()) {
    const { updatesCard, ...content } = row.message;
    const index = updatesCard === undefined ? undefined : cardAt.get(updatesCard);
    if (index !== undefined) {
      const card = shown[index]!.row;
      shown[index] = { row: { ...card, message: { ...content, card: updatesCard } }, updatedAt: row.createdAt };
      continue;
    }
    if (row.message.card) cardAt.set(row.message.card, shown.length);
    shown.push({ row });
  }
  return shown.reverse();
}
