import mongoose, { Schema } from 'mongoose';
import type { ClaimDoc } from '../../claims';

const claimSchema = new Schema<ClaimDoc>({
  _id: { type: String, required: true },
  value: { type: String, required: true },
  at: { type: Date, required: true },
});

export const ClaimModel = mongoose.model<ClaimDoc>('Claim', claimSchema, 'claims');
