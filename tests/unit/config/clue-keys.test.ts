import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadClueKeys } from '../../../src/config/clue-keys';
import { ConfigError } from '../../../src/config/load';

describe('start-up', () => {
  it('stops with a ConfigError naming the variable when production has no key or a bad one', () => {
    expect(() => loadClueKeys({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadClueKeys({ NODE_ENV: 'production' })).toThrow('CLUE_ENCRYPTION_KEY');
    expect(() => loadClueKeys({ NODE_ENV: 'development', CLUE_ENCRYPTION_KEY: 'short' })).toThrow(ConfigError);
  });

  it('refuses the published development key and weak keys (all bytes equal) in production (issue 22, item 9)', () => {
    const published = createHash('sha256').update('joint-supervision development key - not for production').digest().toString('base64');
    for (const weak of [published, Buffer.alloc(32).toString('base64'), Buffer.alloc(32, 0xff).toString('base64'), Buffer.alloc(32, 7).toString('base64')]) {
      expect(() => loadClueKeys({ NODE_ENV: 'production', CLUE_ENCRYPTION_KEY: weak })).toThrow(/CLUE_ENCRYPTION_KEY .*(development|weak)/);
      expect(() => loadClueKeys({ NODE_ENV: 'production', CLUE_ENCRYPTION_KEY: weak })).not.toThrow(weak);
    }
    expect(loadClueKeys({ NODE_ENV: 'production', CLUE_ENCRYPTION_KEY: randomBytes(32).toString('base64') }).developmentKey).toBe(false);
    // An old key only opens older data: a weak one there is allowed so that data can be re-sealed.
    expect(() =>
      loadClueKeys({ NODE_ENV: 'production', CLUE_ENCRYPTION_KEY: randomBytes(32).toString('base64'), CLUE_ENCRYPTION_OLD_KEYS: published }),
    ).not.toThrow();
  });
});
