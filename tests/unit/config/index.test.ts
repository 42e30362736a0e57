import { mkdtempSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config';

function configCopy(edit?: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'jsbot-config-'));
  cpSync('config', dir, { recursive: true });
  edit?.(dir);
  return dir;
}

describe('configuration', () => {
  it('loads the shipped config folder', () => {
    const config = loadConfig({ CONFIG_DIR: 'config' });
    expect(config.agencies.map((a) => a.code)).toEqual(expect.arrayContaining(['jw', 'jcy', 'sfj', 'zf', 'nyncj', 'gaj']));
    expect(config.roles.map((r) => r.code)).toEqual(['officer', 'organizer', 'leader', 'admin']);
    expect(config.env.PORT).toBe(3000);
  });

  it('names the file and the key of a wrong value', () => {
    const dir = configCopy((d) => {
      const path = join(d, 'agencies.yaml');
      writeFileSync(path, readFileSync(path, 'utf8').replace('kind: enforcement }', 'kind: police }'));
    });
    expect(() => loadConfig({ CONFIG_DIR: dir })).toThrow(ConfigError);
    expect(() => loadConfig({ CONFIG_DIR: dir })).toThrow(/agencies\.yaml: agencies\.\d+\.kind/);
  });

  it('names a missing required agency and a duplicate code', () => {
    const dir = configCopy((d) => {
      const path = join(d, 'agencies.yaml');
      writeFileSync(path, readFileSync(path, 'utf8').replace('code: jcy,', 'code: jw,'));
    });
    expect(() => loadConfig({ CONFIG_DIR: dir })).toThrow(/duplicate code jw[\s\S]*parts\.procuratorate: unknown agency jcy/);
  });

  it('names a missing file and broken YAML', () => {
    const missing = configCopy((d) => writeFileSync(join(d, 'roles.yaml'), 'roles: [\n'));
    expect(() => loadConfig({ CONFIG_DIR: missing })).toThrow(/roles\.yaml: not valid YAML/);
    expect(() => loadConfig({ CONFIG_DIR: join(tmpdir(), 'no-such-config-dir') })).toThrow(/agencies\.yaml: file is missing/);
  });
});
