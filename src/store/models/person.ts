import mongoose, { Schema } from 'mongoose';
import { CHANNELS, type ChannelName } from '../../kernel/messages';
import { ROLES, type Role } from '../../config/roles';

/** A roster entry: a person is known by (channel, userId). */
export interface Person {
  channel: ChannelName;
  userId: string;
  name: string;
  agency: string;
  roles: Role[];
}

const personSchema = new Schema<Person>(
  {
    channel: { type: String, enum: CHANNELS, required: true },
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
