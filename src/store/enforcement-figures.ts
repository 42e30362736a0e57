import type { Actor } from './documents';

/** What each enforcement unit reports monthly for the 执法信息通报 (labels in src/domain/bulletin/figures.ts). */
export const FIGURE_KEYS = ['casesClosed', 'penalties', 'transfers', 'selfChecked', 'unexecuted'] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

/** One unit's figures for one month; a second report for the same month replaces the first. */
export interface EnforcementFigures {
  unit: string;
  /** YYYY-MM. */
  month: string;
  figures: Record<FigureKey, number>;
  reportedBy: Actor;
  reportedAt: Date;
}

/** The monthly figures (collection `enforcement_figures`, unique on unit and month) and the marker of each month's reminder run. */
export interface EnforcementFiguresStore {
  save(report: EnforcementFigures): Promise<void>;
  /** The reports of those months, by unit then month. */
  forMonths(months: readonly string[]): Promise<EnforcementFigures[]>;
  /** Whether the reminders of `month` went out (a marker written after them; the outbox keys keep them single anyway). */
  remindedFor(month: string): Promise<boolean>;
  markReminded(month: string, at: Date): Promise<void>;
}
