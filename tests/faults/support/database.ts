import mongoose from 'mongoose';
import { loadConfig } from '../../../src/config';
import { useAtRestKeys } from '../../../src/store/mongo/at-rest';
import { connectDatabase } from '../../../src/store/mongo/connection';
import { uniqueDbName } from '../../support/test-bot';

/**
 * A fresh database on the test server (global setup's MONGODB_URI); the test process connects to it too, to look
 * inside, with the keys a bot process started without key variables holds (the development key, every agency's).
 */
export async function freshDatabase(serverUri = process.env.MONGODB_URI): Promise<{ uri: string; dbName: string }> {
  if (!serverUri) throw new Error('MONGODB_URI is not set (global setup should have set it)');
  const dbName = uniqueDbName();
  const url = new URL(serverUri);
  url.pathname = `/${dbName}`;
  if (mongoose.connection.readyState !== 0) await mongoose.disconnect();
  await connectDatabase(serverUri, dbName);
  useAtRestKeys(loadConfig({ NODE_ENV: 'test', MONGODB_URI: serverUri }).clueKeys.agencyKeys);
  return { uri: url.toString(), dbName };
}
