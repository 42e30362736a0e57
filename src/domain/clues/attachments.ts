import { randomUUID } from 'node:crypto';
import type { AttachmentsConfig } from '../../config/attachments';
import type { Clock } from '../../kernel/clock';
import type { FieldCipher } from '../../kernel/field-cipher';
import { MediaDownloadError, type DownloadMedia } from '../../kernel/media';
import type { InboundMessage } from '../../kernel/messages';
import type { ClueAttachmentStore } from '../../store/clue-attachments';
import type { LinkTokens } from '../links/link-tokens';

/** An attachment as a clue (or draft) lists it: the stored id, never the platform's media id. */
export interface AttachmentRef {
  id: string;
  kind: 'image' | 'file' | 'voice';
  name: string;
  contentType: string;
  size: number;
}

/** An attachment's bytes, opened for someone allowed to see it. */
export interface OpenedAttachment {
  name: string;
  contentType: string;
  bytes: Buffer;
}

/** Who a link opens for. */
export interface LinkOwner {
  channel: string;
  userId: string;
}

export interface ClueAttachmentsDeps {
  store: ClueAttachmentStore;
  cipher: FieldCipher;
  config: AttachmentsConfig;
  download: DownloadMedia;
  links: LinkTokens;
  clock: Clock;
}

/** 512 KiB of bytes per chunk: sealed and base64-encoded it stays far below FerretDB's 16 MB document limit. */
export const CHUNK_BYTES = 512 * 1024;
/** Where the 附件 links are served (src/http/clue-attachments.ts). */
export const ATTACHMENT_LINK_PREFIX = '/clues/attachments/';
const KIND_NAMES: Record<AttachmentRef['kind'], string> = { image: '图片', file: '文件', voice: '语音' };

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10}MB`;

export const ATTACHMENT_TEXTS = {
  tooLarge: (max: number) => `附件超过${megabytes(max)}，未保存。请压缩或拆分后重新发送，也可以用文字说明证据。`,
  badType: '不支持这种类型的附件，未保存。可发送图片（jpg/png/gif）、PDF、Word/Excel/PPT/WPS 文档、文本或语音。',
  tooMany: (max: number) => `每条线索最多${max}个附件，这一个未保存。可以用文字说明其余证据。`,
  unavailable: '未能从平台取到这个附件（可能已过期），未保存。请重新发送一次。',
  empty: '附件是空的，未保存。请重新发送。',
} as const;

/** The chunk's context binds it to its attachment and place: a chunk moved elsewhere does not open. */
const chunkContext = (id: string, n: number) => `clue-attachment:${id}:${n}`;

/** A file name safe to show and to put in a download header: no paths, no control characters, bounded. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return base
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .trim()
    .slice(-100);
}

/**
 * Sealed attachments — evidence of clues, and the files an owner attaches to an approved 调阅 request: fetched once from the platform's media API, checked against the configured size
 * and types, sealed chunk by chunk with the clue keys and stored; opened only through the clue's access rules
 * (the caller checks them) or a short-lived link issued to one person.
 */
export class ClueAttachments {
  constructor(private readonly deps: ClueAttachmentsDeps) {}

  /** How long a 附件 link opens. */
  get linkMinutes(): number {
    return this.deps.config.linkMinutes;
  }

  /** Downloads and stores the media of an inbound message; `already` attachments are on the clue or draft. */
  async receive(message: Pick<InboundMessage, 'channel' | 'kind' | 'mediaId'>, already: number): Promise<{ ref: AttachmentRef } | { refusal: string }> {
    const { config } = this.deps;
    if (already >= config.maxPerClue) return { refusal: ATTACHMENT_TEXTS.tooMany(config.maxPerClue) };
    if (!message.mediaId || !(message.kind === 'image' || message.kind === 'file' || message.kind === 'voice')) {
      return { refusal: ATTACHMENT_TEXTS.unavailable };
    }
    let media: Awaited<ReturnType<DownloadMedia>>;
    try {
      media = await this.deps.download(message, config.maxBytes);
    } catch (error) {
      if (error instanceof MediaDownloadError && error.reason === 'too-large') return { refusal: ATTACHMENT_TEXTS.tooLarge(config.maxBytes) };
      return { refusal: ATTACHMENT_TEXTS.unavailable };
    }
    if (media.bytes.length > config.maxBytes) return { refusal: ATTACHMENT_TEXTS.tooLarge(config.maxBytes) };
    if (media.bytes.length === 0) return { refusal: ATTACHMENT_TEXTS.empty };
    const type = this.acceptedType(media.contentType, media.filename);
    if (!type) return { refusal: ATTACHMENT_TEXTS.badType };
    const kind = message.kind;
    const given = safeFileName(media.filename ?? '');
    const hasExtension = given.toLowerCase().endsWith(`.${type.extension}`);
    const name = hasExtension ? given : `${given || KIND_NAMES[kind]}.${type.extension}`;
    const ref: AttachmentRef = { id: randomUUID(), kind, name, contentType: type.contentType, size: media.bytes.length };
    await this.store(ref, media.bytes);
    return { ref };
  }

  /** The bytes of a stored attachment, or null when there is none with that id. */
  async open(ref: Pick<AttachmentRef, 'id'>): Promise<OpenedAttachment | null> {
    const { store, cipher } = this.deps;
    const stored = await store.find(ref.id);
    if (!stored) return null;
    const chunks = await store.chunks(ref.id);
    if (chunks.length !== stored.chunkCount) return null;
    const bytes = Buffer.concat(chunks.map((chunk, n) => Buffer.from(cipher.decrypt(chunk.data, chunkContext(ref.id, n)), 'base64')));
    return { name: cipher.decrypt(stored.name, 'attachment-name'), contentType: stored.contentType, bytes };
  }

  /** A link to one attachment that opens for `owner` alone until it expires (config linkMinutes). */
  async link(ref: Pick<AttachmentRef, 'id'>, owner: LinkOwner): Promise<{ url: string; expiresAt: Date }> {
    const expiresAt = new Date(this.deps.clock.now().getTime() + this.deps.config.linkMinutes * 60_000);
    const token = await this.deps.links.issue(owner, 'clue-attachment', ref.id, expiresAt);
    return { url: `${ATTACHMENT_LINK_PREFIX}${token}`, expiresAt };
  }

  /** The attachment behind a link, for its owner while it is valid; null otherwise, whatever the reason. */
  async openLink(url: string, requester: LinkOwner | null): Promise<OpenedAttachment | null> {
    if (!url.startsWith(ATTACHMENT_LINK_PREFIX)) return null;
    const granted = await this.deps.links.redeem(url.slice(ATTACHMENT_LINK_PREFIX.length), 'clue-attachment', requester);
    return granted && this.open({ id: granted.item });
  }

  /** The stored file name of an attachment, or null when there is none with that id. */
  async nameOf(id: string): Promise<string | null> {
    const stored = await this.deps.store.find(id);
    return stored && this.deps.cipher.decrypt(stored.name, 'attachment-name');
  }

  /** The configured type of the media: by its declared content type, else (undeclared or generic) by its file extension. */
  private acceptedType(contentType: string, filename: string | undefined): { contentType: string; extension: string } | null {
    const { types } = this.deps.config;
    const byType = types[contentType];
    if (byType) return { contentType, extension: byType };
    if (contentType && contentType !== 'application/octet-stream') return null;
    const extension = /\.([A-Za-z0-9]{1,8})$/.exec(filename ?? '')?.[1]?.toLowerCase();
    const match = Object.entries(types).find(([, ext]) => ext === extension);
    return match ? { contentType: match[0], extension: match[1] } : null;
  }

  private async store(ref: AttachmentRef, bytes: Buffer): Promise<void> {
    const { cipher } = this.deps;
    const chunks = [];
    for (let n = 0; n * CHUNK_BYTES < bytes.length; n++) {
      const piece = bytes.subarray(n * CHUNK_BYTES, (n + 1) * CHUNK_BYTES);
      chunks.push({ attachmentId: ref.id, n, data: cipher.encrypt(piece.toString('base64'), chunkContext(ref.id, n)) });
    }
    await this.deps.store.add(
      {
        id: ref.id,
        name: cipher.encrypt(ref.name, 'attachment-name'),
        contentType: ref.contentType,
        size: ref.size,
        chunkCount: chunks.length,
        createdAt: this.deps.clock.now(),
      },
      chunks,
    );
  }
}
