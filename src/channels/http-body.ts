import type { Context } from 'koa';
import getRawBody from 'raw-body';

export const MAX_BODY_BYTES = 1024 * 1024;

/** An HTTP error with a status and a message safe to show the caller. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Reads the raw body up to the limit: larger → 413, before anything is parsed or stored. */
export async function readBody(ctx: Context, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > limit) throw new HttpError(413, 'request body too large');
  try {
    return await getRawBody(ctx.req, { limit });
  } catch (err) {
    const type = (err as { type?: string }).type;
    if (type === 'entity.too.large') throw new HttpError(413, 'request body too large');
    throw new HttpError(400, 'request body could not be read');
  }
}

/** Parses a JSON body: malformed → 400. Prototype keys are dropped so they can never reach an object. */
export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'), (key, value) => (key === '__proto__' || key === 'constructor' || key === 'prototype' ? undefined : value));
  } catch {
    throw new HttpError(400, 'malformed JSON');
  }
}
