import { FieldCipher, keyringFromEnv, type EncryptedField, type Keyring } from '../../kernel/field-cipher';

/**
 * Encryption at rest for what users typed and what the bot said: the
 * conversation log and the outbox hold clue facts, so they are sealed with the
 * clue keys like the clues themselves. One keyring per process, set at start-up
 * (the development key until then).
 */
let cipher = new FieldCipher(keyringFromEnv({}).keyring);

export function useAtRestKeys(keyring: Keyring): void {
  cipher = new FieldCipher(keyring);
}

export function sealJson(value: unknown, context: string): EncryptedField {
  return cipher.encrypt(JSON.stringify(value), context);
}

function isSealed(value: unknown): value is EncryptedField {
  const v = value as Partial<EncryptedField> | null;
  return typeof v === 'object' && v !== null && typeof v.keyId === 'string' && typeof v.data === 'string' && typeof v.iv === 'string';
}

/** Opens a sealed value; a plain one (written before sealing existed) is returned as it is. */
export function openJson<T>(stored: unknown, context: string): T {
  return (isSealed(stored) ? JSON.parse(cipher.decrypt(stored, context)) : stored) as T;
}
