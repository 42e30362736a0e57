import { ClueKeyError, keyringFromEnv, type KeySettings } from '../kernel/field-cipher';
import { ConfigError } from './load';

/** The clue encryption keys from the environment; a bad or (in production) missing key stops start-up. */
export function loadClueKeys(env: KeySettings) {
  try {
    return keyringFromEnv(env);
  } catch (err) {
    if (err instanceof ClueKeyError) throw new ConfigError(`environment: ${err.message}`);
    throw err;
  }
}
