import type { InboundMessage } from './messages';

/** The bytes behind an inbound image, file or voice message, as the platform's media API served them. */
export interface DownloadedMedia {
  bytes: Buffer;
  /** As the platform declared it (parameters dropped, lower case); '' when it did not. */
  contentType: string;
  /** From the platform (Content-Disposition or the message), when it gave one. */
  filename?: string;
}

/** Why media could not be fetched: larger than allowed (nothing kept), or gone / not reachable now. */
export class MediaDownloadError extends Error {
  override name = 'MediaDownloadError';
  constructor(readonly reason: 'too-large' | 'unavailable') {
    super(`media download failed: ${reason}`);
  }
}

/**
 * Fetches the media of an inbound message from its channel's platform, at most maxBytes (MediaDownloadError
 * 'too-large' beyond). Injected by the app, so the domain never reaches a platform API itself.
 */
export type DownloadMedia = (message: Pick<InboundMessage, 'channel' | 'kind' | 'mediaId'>, maxBytes: number) => Promise<DownloadedMedia>;

/** Without channels (CLI, unit tests) no media can be fetched. */
export const noMediaDownloads: DownloadMedia = async () => {
  throw new MediaDownloadError('unavailable');
};

/** Reads a response body up to maxBytes, refusing a larger declared or actual length before keeping more. */
export async function readCapped(response: Response, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw new MediaDownloadError('too-large');
  }
  if (!response.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new MediaDownloadError('too-large');
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

/** The content type without parameters, lower case. */
export function bareContentType(header: string | null): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The file name of a Content-Disposition header (RFC 6266: filename* in UTF-8 first, then filename). */
export function dispositionFilename(header: string | null): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended.trim());
    } catch {
      return undefined;
    }
  }
  return /filename\s*=\s*"?([^";]+)"?/i.exec(header)?.[1]?.trim() || undefined;
}
