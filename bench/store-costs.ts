/**
 * npx tsx bench/store-costs.ts — what one database operation costs as a collection
 * grows (one client, one operation at a time, message-sized documents), on a fresh
 * database of MONGODB_URI that is dropped afterwards. Shows which operations stay
 * flat and which grow with the collection (a scan).
 */
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { dropCollections } from './cleanup';

const SIZES = process.argv.includes('--quick') ? [1_000, 10_000] : [1_000, 10_000, 100_000];
const SAMPLES = 50;
const BATCH = 5_000;

function messageDoc(i: number) {
  return {
    _id: `m${i}`,
    channel: 'wecom',
    platformMessageId: `p${i}`,
    userId: `u${i % 5000}`,
    status: 'done',
    receivedAt: new Date(),
    text: { keyId: 'k', iv: randomBytes(12).toString('base64'), tag: randomBytes(16).toString('base64'), data: randomBytes(64).toString('base64') },
  };
}

async function timeEach(samples: number, op: (i: number) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < samples; i++) await op(i);
  return (performance.now() - started) / samples;
}

async function main(): Promise<void> {
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new Error('set MONGODB_URI');
  await mongoose.connect(uri, { dbName: `jsbot_costs_${randomBytes(3).toString('hex')}` });
  const db = mongoose.connection.db!;
  const info = await db.admin().buildInfo();
  process.stdout.write(`${info.ferretdbVersion ? `FerretDB ${info.ferretdbVersion}` : `MongoDB ${info.version}`}; ms per operation, one at a time\n`);
  const collection = db.collection<{ _id: string }>('costs');
  await collection.createIndex({ channel: 1, platformMessageId: 1 }, { unique: true });
  process.stdout.write(
    `${'docs'.padStart(8)} ${'insertOne'.padStart(10)} ${'find _id'.padStart(10)} ${'update _id'.padStart(10)} ${'find field'.padStart(11)}\n`,
  );
  let size = 0;
  try {
    for (const target of SIZES) {
      for (; size < target; size += BATCH) {
        await collection.insertMany(Array.from({ length: Math.min(BATCH, target - size) }, (_, k) => messageDoc(size + k)));
      }
      size = target;
      const pick = (i: number) => (i * 7919) % size;
      const insert = await timeEach(SAMPLES, (i) => collection.insertOne(messageDoc(10_000_000 + size + i)));
      const findId = await timeEach(SAMPLES, (i) => collection.findOne({ _id: `m${pick(i)}` }));
      const update = await timeEach(SAMPLES, (i) => collection.updateOne({ _id: `m${pick(i)}` }, { $set: { status: 'seen' } }));
      const findField = await timeEach(5, (i) => collection.findOne({ channel: 'wecom', platformMessageId: `p${pick(i)}` }));
      process.stdout.write(
        `${String(size).padStart(8)} ${insert.toFixed(2).padStart(10)} ${findId.toFixed(2).padStart(10)} ${update.toFixed(2).padStart(10)} ${findField.toFixed(2).padStart(11)}\n`,
      );
    }
  } finally {
    await dropCollections(db);
    await mongoose.disconnect();
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
