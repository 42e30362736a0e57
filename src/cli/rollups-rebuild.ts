import type { Runtime } from '../runtime';
import { rollups } from '../store/mongo/rollups';

/** `rollups rebuild`: recomputes every month's rollup of the figures from the records (idempotent: running it twice changes nothing). */
export async function rollupsRebuild(_runtime: Runtime, _args: string[]): Promise<void> {
  const months = await rollups.rebuild();
  const parts = Object.entries(months).map(([register, n]) => `${register} ${n}`);
  process.stdout.write(`rollups rebuilt: months per register: ${parts.join(', ')}\n`);
}
