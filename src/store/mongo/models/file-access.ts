import mongoose, { Schema } from 'mongoose';
import { appendOnly } from './append-only';
import { ACCESS_SCOPES, type FileAccessOpen, type FileAccessRequest } from '../../file-access';

/** The name is sealed at rest (src/store/mongo/at-rest.ts sealedFields): a Mixed value. */
const actor = { channel: String, userId: String, name: Schema.Types.Mixed, agency: String };

const requestSchema = new Schema<FileAccessRequest>({
  number: { type: String, required: true },
  requester: actor,
  owner: { type: String, required: true },
  subject: { type: Schema.Types.Mixed, required: true },
  reason: { type: Schema.Types.Mixed, required: true },
  relatedCase: Schema.Types.Mixed,
  startDate: { type: String, required: true },
  dueDate: { type: String, required: true },
  provisional: { type: Boolean, required: true },
  status: { type: String, enum: ['pending', 'approved', 'refused', 'expired'], required: true },
  grant: {
    type: new Schema(
      {
        scope: { type: String, enum: ACCESS_SCOPES },
        materials: [String],
        until: Date,
        files: {
          type: [new Schema({ id: String, kind: String, contentType: String, size: Number, unreadable: Boolean, at: Date }, { _id: false })],
          default: [],
        },
        by: actor,
        at: Date,
      },
      { _id: false },
    ),
    default: undefined,
  },
  refusal: { type: new Schema({ reason: Schema.Types.Mixed, by: actor, at: Date }, { _id: false }), default: undefined },
  escalatedAt: Date,
  nextRemindAt: { type: Date, default: null },
  nextStepOffset: { type: Number, default: null },
  createdAt: { type: Date, required: true },
});
requestSchema.index({ number: 1 }, { unique: true });
requestSchema.index({ owner: 1, status: 1 });
requestSchema.index({ 'requester.agency': 1, status: 1 });
requestSchema.index({ status: 1, 'grant.until': 1 });
requestSchema.index({ nextRemindAt: 1 });

export const FileAccessRequestModel = mongoose.model<FileAccessRequest>('FileAccessRequest', requestSchema, 'file_access_requests');

const openSchema = new Schema<FileAccessOpen>(
  {
    requestNumber: { type: String, required: true },
    owner: { type: String, required: true },
    action: { type: String, enum: ['view', 'download'], required: true },
    item: String,
    by: actor,
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
openSchema.index({ owner: 1, requestNumber: 1, at: 1 });

appendOnly(openSchema, 'the file access log');

export const FileAccessOpenModel = mongoose.model<FileAccessOpen>('FileAccessOpen', openSchema, 'file_access_log');
