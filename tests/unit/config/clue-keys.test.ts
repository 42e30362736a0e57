import { describe, expect, it } from 'vitest';
import { loadClueKeys } from '../../../src/config/clue-keys';
import { ConfigError } from '../../../src/config/load';

describe('start-up', () => {
  it('stops with a ConfigError naming the variable when production has no key or a bad one', () => {
    expect(() => loadClueKeys({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadClueKeys({ NODE_ENV: 'production' })).toThrow('CLUE_ENCRYPTION_KEY');
    expect(() => loadClueKeys({ NODE_ENV: 'development', CLUE_ENCRYPTION_KEY: 'short' })).toThrow(ConfigError);
  });
});
