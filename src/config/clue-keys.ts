import { ClueKeyError, keyringFromEnv, type KeySettings } from '../kernel/field-cipher';
import { ConfigError } from './load';

/**
 * The clue encryption keys from the environment: the county keyring and one per agency (CLUE_ENCRYPTION_KEY_<CODE>,
 * read from the raw environment for every configured agency); a bad or (in production) missing key stops start-up.
 */
export function loadClueKeys(env: KeySettings, agencies: readonly string[] = [], source: Record<string, string | undefined> = {}) {
  const agencyVariables = Object.fromEntries(Object.entries(source).filter(([name]) => /^CLUE_ENCRYPTION_(OLD_KEYS|KEY)_[A-Z0-9]+$/.test(name)));
  try {
    return keyringFromEnv({ ...agencyVariables, ...env }, agencies);
  } catch (err) {
    if (err instanceof ClueKeyError) throw new ConfigError(`environment: ${err.message}`);
    throw err;
  }
}
