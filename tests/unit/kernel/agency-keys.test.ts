import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AgencyKeys, ClueDecryptError, FieldCipher, Keyring, KeyringNotHeld, keyIdOf, keyringFromEnv } from '../../../src/kernel/field-cipher';
import { alsoHolding, holdingKeyringOf, outsideKeyringScope } from '../../../src/kernel/held-keyrings';
import { sealedFields, useAtRestKeys } from '../../../src/store/mongo/at-rest';

describe('per-agency keys', () => {
  const keys = new AgencyKeys(new Keyring(randomBytes(32)), {}, ['jw', 'jcy', 'sfj']);

  it('a field sealed for jw does not open with the keyring of jcy or sfj, and opens with jw', () => {
    const sealed = new FieldCipher(keys.ring('jw')).encrypt('县建设局副局长收受贿赂', 'facts');
    for (const other of ['jcy', 'sfj']) expect(() => new FieldCipher(keys.ring(other)).decrypt(sealed, 'facts')).toThrow(ClueDecryptError);
    expect(() => new FieldCipher(keys.county).decrypt(sealed, 'facts')).toThrow(ClueDecryptError);
    expect(new FieldCipher(keys.ring('jw')).decrypt(sealed, 'facts')).toBe('县建设局副局长收受贿赂');
  });

  it('a path serving a jcy member holds jcy’s keyring and the county’s: jw’s refuses there, unless held for one piece of work', async () => {
    const jwField = new FieldCipher(keys.ring('jw')).encrypt('县建设局副局长收受贿赂', 'facts');
    const jcyField = new FieldCipher(keys.ring('jcy')).encrypt('养殖场排污', 'facts');
    const countyField = new FieldCipher(keys.county).encrypt('周洁', 'clue-actor');
    const jw = new FieldCipher(keys.ring('jw'));
    await holdingKeyringOf('jcy', async () => {
      expect(() => jw.decrypt(jwField, 'facts')).toThrow(KeyringNotHeld);
      expect(new FieldCipher(keys.ring('jcy')).decrypt(jcyField, 'facts')).toBe('养殖场排污');
      expect(new FieldCipher(keys.county).decrypt(countyField, 'clue-actor')).toBe('周洁');
      expect(alsoHolding('jw', () => jw.decrypt(jwField, 'facts'))).toBe('县建设局副局长收受贿赂');
      expect(outsideKeyringScope(() => jw.decrypt(jwField, 'facts'))).toBe('县建设局副局长收受贿赂');
      await Promise.resolve();
      expect(() => jw.decrypt(jwField, 'facts')).toThrow(KeyringNotHeld);
    });
    expect(jw.decrypt(jwField, 'facts')).toBe('县建设局副局长收受贿赂');
  });

  it('an agency key from the environment replaces the derived one, and the derived one still opens older rows', () => {
    const county = randomBytes(32);
    const own = randomBytes(32);
    const before = keyringFromEnv({ CLUE_ENCRYPTION_KEY: county.toString('base64') }, ['jw']).agencyKeys;
    const sealed = new FieldCipher(before.ring('jw')).encrypt('旧', 'facts');
    const after = keyringFromEnv({ CLUE_ENCRYPTION_KEY: county.toString('base64'), CLUE_ENCRYPTION_KEY_JW: own.toString('base64') }, ['jw', 'jcy']).agencyKeys;
    expect(after.ring('jw').activeKeyId).toBe(keyIdOf(own));
    expect(new FieldCipher(after.ring('jw')).decrypt(sealed, 'facts')).toBe('旧');
    expect(() => new FieldCipher(after.ring('jcy')).decrypt(sealed, 'facts')).toThrow(ClueDecryptError);
    expect(() => keyringFromEnv({ CLUE_ENCRYPTION_OLD_KEYS_JW: own.toString('base64') }, ['jw'])).toThrow(/without CLUE_ENCRYPTION_KEY_JW/);
    expect(() =>
      keyringFromEnv({ NODE_ENV: 'production', CLUE_ENCRYPTION_KEY: county.toString('base64'), CLUE_ENCRYPTION_KEY_JW: Buffer.alloc(32).toString('base64') }, [
        'jw',
      ]),
    ).toThrow(/weak/);
  });

  it('one declaration seals every declared field (through arrays) under the owner and opens them again', () => {
    useAtRestKeys(keys);
    const sealing = sealedFields<Record<string, unknown>>('test', 'owner', ['text', 'items.note', 'by.name']);
    const row = { owner: 'jw', text: '秘密', items: [{ note: '甲' }, { note: '乙' }], by: { name: '周洁', agency: 'jw' }, plain: 'x' };
    const stored = sealing.seal(row);
    expect(JSON.stringify(stored)).not.toMatch(/秘密|甲|乙|周洁/);
    expect(JSON.stringify(stored)).toContain(keys.ring('jw').activeKeyId);
    expect(sealing.open(stored)).toEqual(row);
    const set = sealing.sealSet({ 'by.name': '李华', items: [{ note: '丙' }] }, 'jw');
    expect(JSON.stringify(set)).not.toMatch(/李华|丙/);
    expect(sealing.reseal(stored)).toBeNull();
  });

  it('seals each field under its own context when two fields share one object (one actor as creator and replier)', () => {
    useAtRestKeys(keys);
    const sealing = sealedFields<Record<string, unknown>>('test', 'owner', ['reply.by.name', 'createdBy.name']);
    const actor = { name: '周洁', agency: 'sfj' };
    const row = { owner: 'sfj', createdBy: actor, reply: { by: actor } };
    // As the database gives it back: two separate objects.
    const stored = JSON.parse(JSON.stringify(sealing.seal(row)));
    expect(actor.name).toBe('周洁');
    expect(sealing.open(stored)).toEqual(row);
    const set = JSON.parse(JSON.stringify(sealing.sealSet({ reply: { by: actor }, createdBy: actor }, 'sfj')));
    expect(sealing.open({ owner: 'sfj', ...set })).toEqual(row);
  });
});
