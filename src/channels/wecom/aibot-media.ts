import { createDecipheriv } from 'node:crypto';
import { bareContentType, dispositionFilename, type DownloadedMedia, MediaDownloadError, readCapped } from '../../kernel/media';

/**
 * An image or file of an AI-bot message: a download URL (valid five minutes) of the encrypted bytes and the
 * `aeskey` that opens them, unique per URL (doc 101463 多媒体资源解密). Kept together as the message's mediaId,
 * which the inbox stores sealed.
 */
export interface AibotMediaRef {
  url: string;
  aeskey: string;
}

/** PKCS#7 pads the plaintext to a multiple of 32 bytes (not AES's 16), so at most 32 bytes are added. */
const PAD_BLOCK = 32;
const REQUEST_TIMEOUT_MS = 10_000;

export function encodeAibotMedia(ref: AibotMediaRef): string {
  return JSON.stringify(ref);
}

function decodeAibotMedia(mediaId: string): AibotMediaRef | null {
  try {
    const { url, aeskey } = JSON.parse(mediaId) as Partial<AibotMediaRef>;
    return typeof url === 'string' && typeof aeskey === 'string' && url && aeskey ? { url, aeskey } : null;
  } catch {
    return null;
  }
}

/** AES-256-CBC, key = base64-decoded aeskey, IV = its first 16 bytes, PKCS#7 padding to 32-byte blocks. */
export function decryptAibotMedia(encrypted: Buffer, aeskey: string): Buffer {
  const key = Buffer.from(aeskey, 'base64');
  if (key.length !== 32 || encrypted.length === 0 || encrypted.length % 16 !== 0) throw new MediaDownloadError('unavailable');
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(encrypted), decipher.final()]);
  const pad = padded[padded.length - 1] ?? 0;
  if (pad < 1 || pad > PAD_BLOCK || pad > padded.length || !padded.subarray(padded.length - pad).every((byte) => byte === pad)) {
    throw new MediaDownloadError('unavailable');
  }
  return padded.subarray(0, padded.length - pad);
}

/** The type an image's own bytes declare (the download serves the encrypted blob, so its header says little). */
function imageType(bytes: Buffer): string | undefined {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif';
  return undefined;
}

/** Downloads and decrypts the media of an AI-bot message, at most maxBytes of plaintext. */
export async function downloadAibotMedia(mediaId: string, maxBytes: number): Promise<DownloadedMedia> {
  const ref = decodeAibotMedia(mediaId);
  if (!ref) throw new MediaDownloadError('unavailable');
  let response: Response;
  try {
    response = await fetch(ref.url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch {
    throw new MediaDownloadError('unavailable');
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    throw new MediaDownloadError('unavailable');
  }
  const encrypted = await readCapped(response, maxBytes + PAD_BLOCK);
  const bytes = decryptAibotMedia(encrypted, ref.aeskey);
  if (bytes.length > maxBytes) throw new MediaDownloadError('too-large');
  const declared = bareContentType(response.headers.get('content-type'));
  return { bytes, contentType: imageType(bytes) ?? declared, filename: dispositionFilename(response.headers.get('content-disposition')) };
}
