import mongoose, { Schema } from 'mongoose';
import type { AttachmentChunk, StoredAttachment } from '../../clue-attachments';

const attachmentSchema = new Schema<StoredAttachment>({
  id: { type: String, required: true },
  name: { type: Schema.Types.Mixed, required: true },
  contentType: { type: String, required: true },
  size: { type: Number, required: true },
  chunkCount: { type: Number, required: true },
  createdAt: { type: Date, required: true },
});
attachmentSchema.index({ id: 1 }, { unique: true });

const chunkSchema = new Schema<AttachmentChunk>({
  attachmentId: { type: String, required: true },
  n: { type: Number, required: true },
  data: { type: Schema.Types.Mixed, required: true },
});
chunkSchema.index({ attachmentId: 1, n: 1 }, { unique: true });

export const ClueAttachmentModel = mongoose.model<StoredAttachment>('ClueAttachment', attachmentSchema, 'clue_attachments');
export const ClueAttachmentChunkModel = mongoose.model<AttachmentChunk>('ClueAttachmentChunk', chunkSchema, 'clue_attachment_chunks');
