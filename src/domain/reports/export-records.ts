import type { Person } from '../../kernel/people';
import type { ExportRecords } from '../../store/reports';
import type { DocumentKinds } from '../documents/kinds';
import type { ItemKind, Visibility, VisibleItem } from '../visibility/visibility';

/**
 * The records of 导出 cut to what the visibility policy lets the viewer export (action `export`, which
 * never reaches past `view`): nothing is exported that cannot be viewed. The withheld route's count is
 * a county figure, kept only for a viewer who may export every agency's clues.
 */
export function exportableRecords(records: ExportRecords, viewer: Person, visibility: Visibility, kinds: DocumentKinds): ExportRecords {
  const may = (kind: ItemKind, item: VisibleItem) => visibility.canSee(viewer, kind, 'export', item);
  return {
    clues: records.clues.filter((c) => may('clue', { parties: [c.route] })),
    cluesWithheld: visibility.scope(viewer, 'clue', 'export') === 'county' ? records.cluesWithheld : 0,
    documents: records.documents.filter((d) => may('document', { parties: kinds.parties(d) })),
    meetings: records.meetings.filter((m) => may('meeting', { parties: [m.createdBy.agency, ...m.invited] })),
    inspections: records.inspections.filter((i) => may('inspection', { parties: [i.createdBy.agency, ...i.units] })),
    items: records.items.filter((i) => may('inspection', { parties: [i.owner] })),
    selfInspections: records.selfInspections.filter((r) => may('inspection', { parties: [r.unit] })),
  };
}
