import type { Stores } from '../stores';
import { MongoSessionStore } from './sessions';

/** The stores on the mongoose connection (MongoDB, or FerretDB in its place). */
export function createMongoStores(): Stores {
  return {
    sessions: new MongoSessionStore(),
  };
}
