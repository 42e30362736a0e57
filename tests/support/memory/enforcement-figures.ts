import type { EnforcementFigures, EnforcementFiguresStore } from '../../../src/store/enforcement-figures';
import { byKeys, copies } from './records';

/** Monthly enforcement figures in an array, one per unit and month. For unit tests only. */
export class MemoryEnforcementFiguresStore implements EnforcementFiguresStore {
  readonly reports: EnforcementFigures[] = [];
  readonly reminded = new Set<string>();

  async save(report: EnforcementFigures): Promise<void> {
    const index = this.reports.findIndex((r) => r.unit === report.unit && r.month === report.month);
    if (index >= 0) this.reports.splice(index, 1);
    this.reports.push(structuredClone(report));
  }

  async forMonths(months: readonly string[]): Promise<EnforcementFigures[]> {
    return copies(this.reports.filter((r) => months.includes(r.month)).sort(byKeys<EnforcementFigures>('unit', 'month')));
  }

  async remindedFor(month: string): Promise<boolean> {
    return this.reminded.has(month);
  }

  async markReminded(month: string): Promise<void> {
    this.reminded.add(month);
  }
}
