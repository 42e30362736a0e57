import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapAtOnce } from '../../../src/kernel/at-once';

describe('mapAtOnce', () => {
  it('returns every result in the items’ order, never running more than the limit at once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(5), { maxLength: 40 }), fc.integer({ min: 1, max: 10 }), async (delays, limit) => {
        let running = 0;
        let most = 0;
        const results = await mapAtOnce(delays, limit, async (delay) => {
          most = Math.max(most, ++running);
          await new Promise((resolve) => setTimeout(resolve, delay));
          running--;
          return delay * 2;
        });
        expect(results).toEqual(delays.map((d) => d * 2));
        expect(most).toBeLessThanOrEqual(limit);
        if (delays.length >= limit) expect(most).toBe(limit);
      }),
      { numRuns: 30 },
    );
  });

  it('rejects with the first failure', async () => {
    await expect(mapAtOnce([1, 2, 3], 2, async (n) => (n === 2 ? Promise.reject(new Error('two')) : n))).rejects.toThrow('two');
  });
});
