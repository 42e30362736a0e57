import type { Clock } from '../clock';
import type { AppConfig } from '../config';
import type { Logger } from '../logger';
import { Notifier } from './notifier';
import { RosterService } from './roster/roster-service';

/** The domain services bots may call. Built once per process. */
export interface Services {
  config: AppConfig;
  clock: Clock;
  logger: Logger;
  roster: RosterService;
  notifier: Notifier;
}

export function createServices(config: AppConfig, clock: Clock, logger: Logger, onEnqueued: () => void): Services {
  const roster = new RosterService(clock);
  const notifier = new Notifier(roster, clock, onEnqueued);
  return { config, clock, logger, roster, notifier };
}
