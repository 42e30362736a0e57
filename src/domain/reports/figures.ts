import { CLUE_ROUTES, type ClueRoute } from '../../config/routing';
import { CLUE_STATUSES } from '../../store/clues';
import type { BulletinFigures, ClueFigures, DocumentFigures } from '../../store/reports';
import type { DocumentKinds } from '../documents/kinds';

/** What the figures of the ReportStore mean for the texts: totals, the kinds listed, the bulletin's placeholders. */

export function clueTotal(figures: ClueFigures, route?: ClueRoute): number {
  const routes: readonly ClueRoute[] = route ? [route] : CLUE_ROUTES;
  let sum = 0;
  for (const r of routes) for (const status of CLUE_STATUSES) sum += figures[r][status];
  return sum;
}

const NONE: DocumentFigures = { total: 0, open: 0, overdue: 0, replied: 0, rectified: 0 };

export interface KindFigures {
  name: string;
  figures: DocumentFigures;
}

/**
 * 概况's document lines: every kind kept as a document, in configuration order; one created from
 * another record (a meeting's follow-ups) only when the period has any.
 */
export function documentLines(kinds: DocumentKinds, figures: Readonly<Record<string, DocumentFigures>>): KindFigures[] {
  return kinds.documents
    .map((kind) => ({ kind, figures: figures[kind.key] ?? NONE }))
    .filter(({ kind, figures }) => kind.command || figures.total > 0)
    .map(({ kind, figures }) => ({ name: kind.name, figures }));
}

/** The values of the bulletin sentence's placeholders (config/reports.yaml), `served` naming a document kind per placeholder. */
export function sentenceValues(figures: BulletinFigures, served: Readonly<Record<string, string>>): Record<string, number> {
  const { inspections, units, rectified } = figures;
  const documents = Object.fromEntries(Object.entries(served).map(([placeholder, kind]) => [placeholder, figures.served[kind] ?? 0]));
  return { inspections, units, rectified, ...documents };
}
