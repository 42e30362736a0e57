import type { Stores } from '../../../src/store/stores';
import { MemorySessionStore } from './sessions';

/**
 * In-memory stores with the semantics of the mongoose ones (unique keys, exactly-once claims),
 * for unit tests of bots, wizards and services. Integration tests use the real database.
 */
export function createMemoryStores(): Stores {
  return {
    sessions: new MemorySessionStore(),
  };
}
