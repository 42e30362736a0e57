import { systemClock, type Clock } from './kernel/clock';
import { ConfigError, loadConfig, type AppConfig } from './config';
import { createLogger, type Logger } from './kernel/logger';
import { EmbeddedDatabaseUnavailable, connectDatabase, ensureIndexes, startEmbeddedMongo } from './store/mongo/connection';
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
 * Loads config and connects the database: MONGODB_URI when set, else an
 * embedded MongoDB (mongodb-memory-server) with its files under DATA_DIR.
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
  let stopEmbedded: (() => Promise<void>) | undefined;
  let uri = config.env.MONGODB_URI;
  if (!uri) {
    try {
      const embedded = await startEmbeddedMongo(config.env.DATA_DIR);
      uri = embedded.uri;
      stopEmbedded = embedded.stop;
      logger.info({ dataDir: config.env.DATA_DIR }, 'MONGODB_URI not set: started an embedded MongoDB (mongodb-memory-server), data kept under DATA_DIR');
    } catch (err) {
      if (err instanceof EmbeddedDatabaseUnavailable) {
        throw new StartupError(
          `No MongoDB available: MONGODB_URI is not set and the embedded MongoDB could not start (${err.message}). Set MONGODB_URI to a MongoDB or FerretDB server, e.g. MONGODB_URI=mongodb://127.0.0.1:27017/jsbot (see README).`,
        );
      }
      throw err;
    }
  }
  try {
    await connectDatabase(uri);
    await ensureIndexes();
  } catch (err) {
    await stopEmbedded?.();
    throw new StartupError(`Cannot reach the database at MONGODB_URI (${(err as Error).name}). Check that it is running and the URI is right.`);
  }
  return {
    config,
    logger,
    clock,
    close: async () => {
      await mongoose.disconnect();
      await stopEmbedded?.();
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
