import type { AttachmentChunk, ClueAttachmentStore, StoredAttachment } from '../clue-attachments';
import { ClueAttachmentChunkModel, ClueAttachmentModel } from './models/clue-attachment';

/** Attachments in `clue_attachments`, their sealed chunks in `clue_attachment_chunks` (one document each, well under 16 MB). */
export class MongoClueAttachmentStore implements ClueAttachmentStore {
  async add(attachment: StoredAttachment, chunks: AttachmentChunk[]): Promise<void> {
    for (const chunk of chunks) await ClueAttachmentChunkModel.create(chunk);
    await ClueAttachmentModel.create(attachment);
  }

  async find(id: string): Promise<StoredAttachment | null> {
    return ClueAttachmentModel.findOne({ id }, { _id: 0, __v: 0 }).lean<StoredAttachment>();
  }

  async chunks(id: string): Promise<AttachmentChunk[]> {
    return ClueAttachmentChunkModel.find({ attachmentId: id }, { _id: 0, __v: 0 }).sort({ n: 1 }).lean<AttachmentChunk[]>();
  }
}
