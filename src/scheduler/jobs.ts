import type { Services } from '../domain/services';
import type { Scheduler } from './scheduler';

/** Every scheduled job of the bot: each capability registers its due-item queries here. */
export function registerJobs(_scheduler: Scheduler, _services: Services): void {}
