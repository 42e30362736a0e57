import { createHash } from 'node:crypto';

/**
 * The platform-side id of one card for one person (WeCom task_id, DingTalk cardBizId): the same every time, so
 * an update names the card it changes. At most 45 characters of [a-z0-9-], within both platforms' rules.
 */
export function platformCardId(cardId: string, userId: string): string {
  return `card-${createHash('sha256').update(`${cardId}\n${userId}`).digest('hex').slice(0, 40)}`;
}
