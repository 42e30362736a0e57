import type { mongo } from 'mongoose';

/**
 * Drops every collection of the bench database, not the database itself: on FerretDB
 * 1.24 (SQLite) dropDatabase removes the file under its other pooled connections,
 * and the server then dies with SIGBUS in SQLite's WAL code on a later request.
 */
export async function dropCollections(db: mongo.Db): Promise<void> {
  for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) await db.dropCollection(name);
}
