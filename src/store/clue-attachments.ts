import type { EncryptedField } from '../kernel/field-cipher';

/**
 * One evidence attachment as stored: its name sealed, its bytes in sealed chunks of their own documents
 * (FerretDB 1.x keeps documents under 16 MB and GridFS is not among its guaranteed commands, so the store
 * chunks itself). No platform media id is kept: the bytes were fetched once and the id forgotten.
 */
export interface StoredAttachment {
  id: string;
  /** The file name, sealed. */
  name: EncryptedField;
  contentType: string;
  size: number;
  chunkCount: number;
  createdAt: Date;
}

/** One sealed piece of an attachment's bytes; `n` counts from 0. */
export interface AttachmentChunk {
  attachmentId: string;
  n: number;
  data: EncryptedField;
}

export interface ClueAttachmentStore {
  /** Writes the chunks first and the attachment last, so a found attachment always has all its chunks. */
  add(attachment: StoredAttachment, chunks: AttachmentChunk[]): Promise<void>;
  find(id: string): Promise<StoredAttachment | null>;
  /** The chunks of an attachment in order. */
  chunks(id: string): Promise<AttachmentChunk[]>;
}
