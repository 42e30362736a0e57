import type { CardHandleStore } from '../../../src/store/cards';

/** Card handles in a Map: for unit tests only. */
export class MemoryCardHandleStore implements CardHandleStore {
  readonly handles = new Map<string, string>();

  async remember(channel: string, userId: string, cardId: string, handle: string): Promise<void> {
    this.handles.set(`${channel}:${userId}:${cardId}`, handle);
  }

  async find(channel: string, userId: string, cardId: string): Promise<string | null> {
    return this.handles.get(`${channel}:${userId}:${cardId}`) ?? null;
  }
}
