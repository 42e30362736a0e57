import type { ChannelName } from './messages';

export const ROLES = ['officer', 'organizer', 'leader', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A roster entry: a person is known by (channel, userId). */
export interface Person {
  channel: ChannelName;
  userId: string;
  name: string;
  agency: string;
  roles: Role[];
}
