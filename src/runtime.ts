import { systemClock, type Clock } from './kernel/clock';
import { ConfigError, loadConfig, type AppConfig } from './config';
import { createLogger, type Logger } from './kernel/logger';
import { connectDatabase, ensureIndexes } from './store/mongo/connection';
import { NoLocalDatabase, startLocalDatabase } from './store/mongo/local-database';
import { useAtRestKeys } from './store/mongo/at-rest';
import mongoose from 'mongoose';

export interface Runtime {
  config: AppConfig;
  logger: Logger;
  clock: Clock;
  close(): Promise<void>;
}

/** A problem the user can fix: printed as one line, exit code 1, no stack trace. */
export class StartupError extends Error {
  override name = 'StartupError';
}

/**
 * Loads config and connects the database: MONGODB_URI when set, else a local one
 * (startLocalDatabase) with its files under DATA_DIR, stopped with the runtime.
 * Shared by the server and the CLI.
 */
export async function openRuntime(source: NodeJS.ProcessEnv = process.env, clock: Clock = systemClock): Promise<Runtime> {
  let config: AppConfig;
  try {
    config = loadConfig(source);
  } catch (err) {
    if (err instanceof ConfigError) throw new StartupError(`配置错误 / configuration error:\n${err.message}`);
    throw err;
  }
  const logger = createLogger(config.env.LOG_LEVEL);
  // Every CLI command reads sealed rows, not only those that build the bot (createBot sets the same keys).
  useAtRestKeys(config.clueKeys.agencyKeys);
  let stopLocal: (() => Promise<void>) | undefined;
  let uri = config.env.MONGODB_URI;
  if (!uri) {
    try {
      const local = await startLocalDatabase(config.env.DATA_DIR);
      uri = local.uri;
      stopLocal = local.stop;
      logger.info({ dataDir: config.env.DATA_DIR }, `MONGODB_URI not set: started ${local.kind}`);
    } catch (err) {
      if (err instanceof NoLocalDatabase) throw new StartupError(err.message);
      throw err;
    }
  }
  try {
    await connectDatabase(uri);
    await ensureIndexes();
  } catch (err) {
    await stopLocal?.();
    throw new StartupError(`Cannot reach the database at MONGODB_URI (${(err as Error).name}). Check that it is running and the URI is right.`);
  }
  return {
    config,
    logger,
    clock,
    close: async () => {
      await mongoose.disconnect();
      await stopLocal?.();
    },
  };
}

/** Runs a command-line entry point: StartupError → one clear line and exit 1. */
export function runMain(main: () => Promise<void>): void {
  main().catch((err) => {
    if (err instanceof StartupError || err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
    } else {
      process.stderr.write(`Unexpected error: ${(err as Error)?.stack ?? String(err)}\n`);
    }
    process.exit(1);
  });
}
