import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { routingConfigSchema } from '../../../src/config/routing';

describe('routing config schema', () => {
  it('rejects a route without categories and a negative weight', () => {
    const broken = structuredClone(parse(readFileSync('config/routing.yaml', 'utf8')));
    broken.routes.jw.categories = {};
    broken.routes.jcy.categories.食品药品安全.phrases.食品 = -1;
    const result = routingConfigSchema.safeParse(broken);
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toContain('routes.jw.categories');
    expect(paths).toContain('routes.jcy.categories.食品药品安全.phrases.食品');
  });

  it('rejects an unknown route', () => {
    const broken = structuredClone(parse(readFileSync('config/routing.yaml', 'utf8')));
    broken.routes.gaj = broken.routes.jw;
    expect(routingConfigSchema.safeParse(broken).success).toBe(false);
  });
});
