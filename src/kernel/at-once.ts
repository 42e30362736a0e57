/**
 * Runs `work` over the items with at most `limit` running at once, and returns the results in the items' order.
 * For independent database round trips (one per record, one per recipient): on FerretDB 1.x an equality read or a
 * single-document write costs the same however large its collection grows, so many small ones at once beat one
 * large query it cannot serve from an index.
 */
export async function mapAtOnce<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
