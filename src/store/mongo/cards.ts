import mongoose, { Schema } from 'mongoose';
import type { ChannelName } from '../../kernel/messages';
import type { CardHandleStore } from '../cards';

interface CardHandleRow {
  _id: string;
  handle: string;
  createdAt: Date;
}

const CardHandleModel = mongoose.model<CardHandleRow>(
  'CardHandle',
  new Schema<CardHandleRow>({ _id: { type: String, required: true }, handle: { type: String, required: true }, createdAt: { type: Date, required: true } }),
  'card_handles',
);

const idOf = (channel: ChannelName, userId: string, cardId: string) => `${channel}:${userId}:${cardId}`;

export class MongoCardHandleStore implements CardHandleStore {
  async remember(channel: ChannelName, userId: string, cardId: string, handle: string, now: Date): Promise<void> {
    const _id = idOf(channel, userId, cardId);
    await CardHandleModel.replaceOne({ _id }, { _id, handle, createdAt: now }, { upsert: true });
  }

  async find(channel: ChannelName, userId: string, cardId: string): Promise<string | null> {
    return (await CardHandleModel.findById(idOf(channel, userId, cardId)).lean<CardHandleRow>())?.handle ?? null;
  }
}
