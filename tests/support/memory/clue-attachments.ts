import type { AttachmentChunk, ClueAttachmentStore, StoredAttachment } from '../../../src/store/clue-attachments';

/** Attachments and their chunks in Maps: for unit tests only. */
export class MemoryClueAttachmentStore implements ClueAttachmentStore {
  readonly attachments = new Map<string, StoredAttachment>();
  readonly chunkRows = new Map<string, AttachmentChunk>();

  async add(attachment: StoredAttachment, chunks: AttachmentChunk[]): Promise<void> {
    if (this.attachments.has(attachment.id)) throw new Error('duplicate attachment id');
    for (const chunk of chunks) this.chunkRows.set(`${chunk.attachmentId}:${chunk.n}`, structuredClone(chunk));
    this.attachments.set(attachment.id, structuredClone(attachment));
  }

  async find(id: string): Promise<StoredAttachment | null> {
    const found = this.attachments.get(id);
    return found ? structuredClone(found) : null;
  }

  async chunks(id: string): Promise<AttachmentChunk[]> {
    return [...this.chunkRows.values()].filter((c) => c.attachmentId === id).sort((a, b) => a.n - b.n);
  }
}
