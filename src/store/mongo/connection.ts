import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import mongoose, { type Collection } from 'mongoose';
import { ConversationModel, RETIRED_CONVERSATION_INDEXES } from './models/conversation';

export interface Database {
  uri: string;
  /** Set when this process started its own embedded MongoDB. */
  embedded: boolean;
  close(): Promise<void>;
}

export class EmbeddedDatabaseUnavailable extends Error {
  override name = 'EmbeddedDatabaseUnavailable';
}

export async function connectDatabase(uri: string, dbName?: string): Promise<void> {
  await mongoose.connect(uri, {
    dbName,
    serverSelectionTimeoutMS: 5000,
    // Index builds are explicit (ensureIndexes at start-up), not a side effect of the first query.
    autoIndex: false,
  });
}

/**
 * Starts a MongoDB through mongodb-memory-server, keeping its files under dataDir.
 * It downloads the server binary on first use; offline that fails and the caller
 * tells the user to set MONGODB_URI.
 */
export async function startEmbeddedMongo(dataDir: string): Promise<{ uri: string; stop(): Promise<void> }> {
  const dbPath = resolve(dataDir, 'mongodb');
  mkdirSync(dbPath, { recursive: true });
  try {
    const { MongoBinary, MongoMemoryServer } = await import('mongodb-memory-server-core');
    // Resolving (and downloading) the binary first keeps a failed download to one error of ours.
    await MongoBinary.getPath();
    const server = await MongoMemoryServer.create({ instance: { dbPath, storageEngine: 'wiredTiger' } });
    return { uri: server.getUri(), stop: async () => void (await server.stop({ doCleanup: false })) };
  } catch (err) {
    throw new EmbeddedDatabaseUnavailable((err as Error).message.split('\n')[0]!.replace(/,?\s*Details:.*$/, ''));
  }
}

export async function ensureIndexes(): Promise<void> {
  await Promise.all(Object.values(mongoose.models).map((model) => model.createIndexes()));
  await dropIndexes(ConversationModel.collection, RETIRED_CONVERSATION_INDEXES);
}

/** Drops indexes an older version built that would now refuse what is allowed (a database made before keeps them). */
async function dropIndexes(collection: Collection, names: string[]): Promise<void> {
  const present = new Set((await collection.indexes()).map((index) => index.name));
  for (const name of names) if (present.has(name)) await collection.dropIndex(name);
}

export async function databaseReachable(timeoutMs = 1000): Promise<boolean> {
  const db = mongoose.connection.db;
  if (mongoose.connection.readyState !== 1 || !db) return false;
  try {
    await Promise.race([db.admin().ping(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref())]);
    return true;
  } catch {
    return false;
  }
}

const UNAVAILABLE = /^Mongo(Server|Network)?(Selection|Timeout|NotConnected|Network|Pool)|^MongooseServerSelectionError$|^MongoNotConnectedError$/;

/** Whether an error means the database cannot be reached now (so nothing was stored, and a retry later may work). */
export function isDatabaseUnavailable(err: unknown): boolean {
  return UNAVAILABLE.test((err as Error)?.name ?? '');
}
