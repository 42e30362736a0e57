import type { LocalDate } from '../../kernel/time/local-date';
import type { DocxTemplates } from '../official/docx';
import { chineseDate } from '../reports/period';
import type { AnnualIndicators, IndicatorRow } from './annual';
import { display } from './sources';

const rowsOf = (rows: readonly IndicatorRow[]) => rows.map((r) => ({ name: r.name, value: display(r.value), definition: r.definition }));

/**
 * The annual report draft (.docx, config/templates/indicators-report.xml): county summary, each unit's
 * indicators, the definitions, and the data still missing. Every figure is the same `display` of the
 * same values as chat and workbook.
 */
export function buildReportDocx(templates: DocxTemplates, report: AnnualIndicators, nameOf: (code: string) => string): Buffer {
  return templates.render('indicators-report', {
    year: report.year,
    asOf: chineseDate(report.asOf as LocalDate),
    county: rowsOf(report.county),
    units: report.units.map((u) => ({ unit: nameOf(u.unit), rows: rowsOf(u.rows) })),
    missing: report.units.filter((u) => u.missing.length).map((u) => ({ unit: nameOf(u.unit), items: u.missing.join('；') })),
  });
}
