import { startEmbeddedMongo } from '../../src/store/mongo/connection';

/**
 * Tests talk to a real MongoDB-compatible server: MONGODB_URI when set
 * (FerretDB in CI), else an embedded MongoDB through mongodb-memory-server.
 */
export default async function setup(): Promise<(() => Promise<void>) | void> {
  if (process.env.MONGODB_URI) return;
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  let embedded: Awaited<ReturnType<typeof startEmbeddedMongo>>;
  try {
    embedded = await startEmbeddedMongo(mkdtempSync(join(tmpdir(), 'jsbot-test-')));
  } catch (err) {
    throw new Error(
      `Tests need MongoDB: MONGODB_URI is not set and the embedded MongoDB could not start (${(err as Error).message}). ` +
        'Set MONGODB_URI (e.g. eval "$(scripts/ferretdb.sh start | sed s/^/export\\ /)") and run the tests again.',
    );
  }
  process.env.MONGODB_URI = embedded.uri;
  return embedded.stop;
}
