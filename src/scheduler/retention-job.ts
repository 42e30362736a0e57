import type { RetentionConfig } from '../config/retention';
import type { Logger } from '../kernel/logger';
import { instantAt, localDateOf } from '../kernel/time/local-time';
import type { ClaimStore } from '../store/claims';
import { anonymiseClosedClues, purgeRefusedExchanges } from '../store/mongo/retention';
import type { ScheduledJob } from './scheduler';

const DAY_MS = 24 * 60 * 60_000;
/** A run cut off by a crash is taken over after this long. */
const RETENTION_LEASE_MS = 30 * 60_000;

/**
 * `retention`: once a day at config/retention.yaml's time, concluded and withdrawn clues past their period lose
 * their texts, and refused (higher-level) clues' exchanges leave the conversation log. Exactly once per day
 * across instances and catch-up ticks (a lease on the day's attempt, then a mark that the day is done); logs counts, never content.
 */
export function retentionJob(config: RetentionConfig, claims: Pick<ClaimStore, 'claimAttempt' | 'claim' | 'readClaim'>, logger: Logger): ScheduledJob {
  return {
    name: 'retention',
    run: async (at) => {
      const day = localDateOf(at);
      if (at < instantAt(day, config.time)) return;
      const done = `retention:${day}:done`;
      // The attempt claim is a lease (taken over after a crash): the finished day needs its own mark.
      if (await claims.readClaim(done)) return;
      if (!(await claims.claimAttempt(`retention:${day}`, at, RETENTION_LEASE_MS))) return;
      const clues = await anonymiseClosedClues(new Date(at.getTime() - config.concludedClues.afterDays * DAY_MS));
      const refused = await purgeRefusedExchanges(new Date(at.getTime() - config.refusedClues.afterDays * DAY_MS), config.refusedClues.windowMinutes * 60_000);
      await claims.claim(done, 'done', at);
      logger.info({ job: 'retention', day, ...clues, ...refused }, 'retention: closed clues anonymised, refused clues purged from the conversation log');
    },
  };
}
