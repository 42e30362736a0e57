import { consoleEnabled } from '../../config/env';
import type { ChannelDeps } from '../channel';
import { ConsoleChannel } from './console-channel';

/** The console channel, on by default and off in production unless CONSOLE_ENABLED=true. */
export function createConsoleChannel(deps: ChannelDeps): ConsoleChannel | undefined {
  if (!consoleEnabled(deps.config.env)) {
    deps.logger.info('console channel off (NODE_ENV=production without CONSOLE_ENABLED=true)');
    return undefined;
  }
  return new ConsoleChannel(deps);
}
