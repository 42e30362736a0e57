import type { Server } from 'node:http';
import { createBot } from './app';
import { CHANNEL_NAMES } from './channels';
import { seedExampleRoster } from './domain/roster/example-roster';
import { openRuntime, runMain } from './runtime';

/** A stop (SIGTERM from a supervisor, Ctrl-C) ends the process within this time, even during crash recovery or an outage. */
const SHUTDOWN_DEADLINE_MS = 8_000;

runMain(async () => {
  const runtime = await openRuntime();
  const { config, logger, clock } = runtime;
  const bot = createBot(config, clock, logger);
  await seedExampleRoster(config, CHANNEL_NAMES, bot.services.roster, logger);
  for (const channel of bot.channels.values()) await channel.start?.();
  bot.sender.start();
  const stopResuming = bot.inbox.startResuming();
  if (config.env.SCHEDULER_ENABLED ?? true) bot.scheduler.start();

  const server: Server = await new Promise((resolve) => {
    const s = bot.app.listen(config.env.PORT, () => resolve(s));
  });
  logger.info({ port: config.env.PORT, channels: [...bot.channels.keys()] }, 'joint supervision bot listening');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Whatever is cut off (a resumed message, a delivery, a tick) is finished by the next process: leases and claims.
    setTimeout(() => {
      logger.warn({ signal }, 'shutdown took too long: exiting now');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    server.close();
    stopResuming();
    await bot.scheduler.stop();
    await bot.sender.stop();
    for (const channel of bot.channels.values()) await channel.stop?.();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
});
