import type { ChannelName } from '../kernel/messages';

/**
 * The platform handle of a card the bot sent to one person (WeCom's response_code), kept so that the
 * card can be changed in place later (签收). One per (channel, user, card); a later one replaces it.
 */
export interface CardHandleStore {
  remember(channel: ChannelName, userId: string, cardId: string, handle: string, now: Date): Promise<void>;
  find(channel: ChannelName, userId: string, cardId: string): Promise<string | null>;
}
