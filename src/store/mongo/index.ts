import type { Stores } from '../stores';
import { MongoClaimStore } from './claims';
import { MongoDocumentStore } from './documents';
import { MongoInspectionStore } from './inspections';
import { MongoReportStore } from './reports';
import { MongoInboxStore } from './inbox';
import { MongoOutboxStore } from './outbox';
import { MongoSequenceStore } from './sequences';
import { MongoSessionStore } from './sessions';

/** The stores on the mongoose connection (MongoDB, or FerretDB in its place). */
export function createMongoStores(): Stores {
  return {
    sessions: new MongoSessionStore(),
    inbox: new MongoInboxStore(),
    outbox: new MongoOutboxStore(),
    claims: new MongoClaimStore(),
    sequences: new MongoSequenceStore(),
    documents: new MongoDocumentStore(),
    inspections: new MongoInspectionStore(),
    reports: new MongoReportStore(),
  };
}
