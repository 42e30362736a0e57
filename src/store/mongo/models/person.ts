import mongoose, { Schema } from 'mongoose';
import { ROLES } from '../../../kernel/people';
import type { Person } from '../../../kernel/people';

const personSchema = new Schema<Person>(
  {
    channel: { type: String, required: true },
    userId: { type: String, required: true },
    name: { type: String, required: true },
    agency: { type: String, required: true },
    roles: { type: [String], enum: ROLES, required: true },
  },
  { timestamps: true },
);
personSchema.index({ channel: 1, userId: 1 }, { unique: true });
personSchema.index({ agency: 1 });

export const PersonModel = mongoose.model<Person>('Person', personSchema, 'roster');
