import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalDatabase } from '../../src/store/mongo/local-database';

/**
 * Tests talk to a real MongoDB-compatible server: MONGODB_URI when set, else one started
 * for the run (embedded MongoDB, else FerretDB on the local PostgreSQL or SQLite).
 */
export default async function setup(): Promise<(() => Promise<void>) | void> {
  if (process.env.MONGODB_URI) return;
  const local = await startLocalDatabase(mkdtempSync(join(tmpdir(), 'jsbot-test-')), { throwAway: true });
  process.stderr.write(`MONGODB_URI not set: the tests use ${local.kind}\n`);
  process.env.MONGODB_URI = local.uri;
  return local.stop;
}
