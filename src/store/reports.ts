/**
 * Marks a periodic report as written to the outbox (e.g. `bulletin:2026-10`), so
 * later ticks skip it with one indexed lookup. The outbox keys alone already keep
 * it from going out twice; this only saves rebuilding it every minute.
 */
export interface ReportRun {
  key: string;
  at: Date;
}
