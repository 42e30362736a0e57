import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, ensureIndexes } from '../../src/store/mongo/connection';
import { ConversationModel } from '../../src/store/mongo/models/conversation';
import { OutboxModel } from '../../src/store/mongo/models/outbox';
import { uniqueDbName } from '../support/test-bot';

let server: 'mongodb' | 'ferretdb-postgresql' | 'ferretdb-sqlite';

beforeAll(async () => {
  await connectDatabase(process.env.MONGODB_URI!, uniqueDbName());
  await ensureIndexes();
  const info = await mongoose.connection.db!.admin().buildInfo();
  const plan = await OutboxModel.find({ _id: 'x' }).explain();
  server = !info.ferretdbVersion ? 'mongodb' : JSON.stringify(plan).includes('"Node Type"') ? 'ferretdb-postgresql' : 'ferretdb-sqlite';
});
afterAll(async () => {
  await mongoose.disconnect();
});

/** Whether the plan of a query reads through an index (MongoDB: IXSCAN/IDHACK; PostgreSQL under FerretDB: an index scan). */
async function usesIndex(query: mongoose.Query<unknown, unknown>): Promise<boolean> {
  const plan = JSON.stringify(await query.explain());
  return server === 'mongodb' ? /IXSCAN|IDHACK|EXPRESS_IXSCAN/.test(plan) : /Index Scan/.test(plan);
}

// The stand-in's own limits are in bench/README.md: FerretDB/SQLite pushes nothing but _id down and uses no index.
describe.skipIf(process.env.FERRETDB_HANDLER === 'sqlite')('reads the hot paths make use an index (FerretDB/PostgreSQL: scripts/ferretdb-pg-gin.sql)', () => {
  it('finds an outbox row, the pending rows and a conversation by its key through an index', async () => {
    expect(server).not.toBe('ferretdb-sqlite');
    expect(await usesIndex(OutboxModel.find({ _id: 'remind:x' }))).toBe(true);
    expect(await usesIndex(OutboxModel.find({ status: 'pending' }))).toBe(true);
    expect(await usesIndex(ConversationModel.find({ channel: 'wecom', platformMessageId: 'm1', userId: 'u1' }))).toBe(true);
    expect(await usesIndex(ConversationModel.find({ status: 'processing' }))).toBe(true);
  });
});
