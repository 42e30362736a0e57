import type { IndicatorsConfig } from '../../config/indicators';
import { type IndicatorValue, SOURCES, total, type YearRecords } from './sources';

export interface IndicatorRow {
  key: string;
  name: string;
  definition: string;
  value: IndicatorValue;
}

export interface UnitIndicators {
  unit: string;
  rows: IndicatorRow[];
  /** What the unit has not entered yet for the year. */
  missing: string[];
}

export interface AnnualIndicators {
  year: number;
  asOf: string;
  units: UnitIndicators[];
  /** Every indicator over all units. */
  county: IndicatorRow[];
}

/** What is still missing for a unit's year: unreported self-inspection months, unanswered documents, open cases, no 复议/诉讼 records. */
export function missingData(data: YearRecords, unit: string): string[] {
  const reported = new Set(data.selfInspections.filter((s) => s.unit === unit).map((s) => s.month));
  const months = data.months.filter((m) => !reported.has(m));
  const unanswered = data.documents.filter(
    (doc) => doc.recipient === unit && doc.dueDate <= data.asOf && !(data.closedByCorrection.has(doc.kind) ? doc.correction : doc.reply),
  );
  const mediation = data.mediation.filter((m) => m.unit === unit && m.status === 'open');
  const accountability = data.accountability.filter((c) => c.unit === unit && c.status !== 'closed');
  return [
    months.length ? `自查缺${months.length}个月（${months.map((m) => `${Number(m.slice(5))}月`).join('、')}）` : '',
    unanswered.length ? `${unanswered.length}件文书到期未登记答复（${unanswered.map((d) => d.number).join('、')}）` : '',
    mediation.length ? `${mediation.length}件调解案件未登记结果` : '',
    accountability.length ? `${accountability.length}件追责案件未结案` : '',
    data.reviewOutcomes.some((r) => r.unit === unit) ? '' : '未录入复议、诉讼记录（确无案件的可忽略）',
  ].filter(Boolean);
}

/** Every configured indicator for every unit and for the county, from one year's records. */
export function annualIndicators(year: number, data: YearRecords, config: IndicatorsConfig, units: readonly string[]): AnnualIndicators {
  const rowsOf = (values: (key: string, source: keyof typeof SOURCES) => IndicatorValue): IndicatorRow[] =>
    config.indicators.map((indicator) => ({
      key: indicator.key,
      name: indicator.name,
      definition: SOURCES[indicator.source].definition,
      value: values(indicator.key, indicator.source),
    }));
  const perUnit = units.map((unit) => ({ unit, rows: rowsOf((_, source) => SOURCES[source].compute(data, unit)), missing: missingData(data, unit) }));
  const county = rowsOf((key) => total(perUnit.map((u) => u.rows.find((r) => r.key === key)!.value)));
  return { year, asOf: data.asOf, units: perUnit, county };
}
