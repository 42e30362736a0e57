import type { Person } from '../kernel/people';
import type { Actor } from '../store/documents';

/** Who did something, as records keep it (no roles: those change). */
export function actorOf({ channel, userId, name, agency }: Person): Actor {
  return { channel, userId, name, agency };
}
