import type { IndicatorsConfig } from '../../config/indicators';
import { clueTimeliness, type IndicatorScope, type IndicatorValue, SOURCES, total, type YearRecords } from './sources';

export interface IndicatorRow {
  key: string;
  name: string;
  definition: string;
  value: IndicatorValue;
}

export interface UnitIndicators {
  unit: string;
  /** An enforcement unit, or an agency clues are routed to; `rows` are the indicators of its scope. */
  scope: IndicatorScope;
  rows: IndicatorRow[];
  /** What the unit has not entered yet for the year. */
  missing: string[];
}

export interface AnnualIndicators {
  year: number;
  asOf: string;
  /** The enforcement units, then the agencies clues are routed to. */
  units: UnitIndicators[];
  /** Every indicator over all units (of its scope). */
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

/** What is still missing for a receiving agency's clue figures: clues of the year not yet decided on time or late (counts only: never numbers). */
export function receiverMissing(data: YearRecords, agency: string): string[] {
  const open = data.clues.filter((c) => c.route === agency && c.status !== 'withdrawn' && clueTimeliness(c, data.asOf, data.pausesWhileReturned) === 'open');
  return open.length ? [`${open.length}件线索尚未办结（办结或期限届满后计入按期办理率）`] : [];
}

const scopeOf = (source: keyof typeof SOURCES): IndicatorScope => SOURCES[source].scope ?? 'unit';

/**
 * Every configured indicator for every unit and receiving agency (each the indicators of its scope)
 * and for the county, from one year's records.
 */
export function annualIndicators(
  year: number,
  data: YearRecords,
  config: IndicatorsConfig,
  units: readonly string[],
  receivers: readonly string[] = [],
): AnnualIndicators {
  const rowsOf = (scope: IndicatorScope | null, values: (key: string, source: keyof typeof SOURCES) => IndicatorValue): IndicatorRow[] =>
    config.indicators
      .filter((indicator) => scope === null || scopeOf(indicator.source) === scope)
      .map((indicator) => ({
        key: indicator.key,
        name: indicator.name,
        definition: SOURCES[indicator.source].definition,
        value: values(indicator.key, indicator.source),
      }));
  const subject = (unit: string, scope: IndicatorScope, missing: string[]): UnitIndicators => ({
    unit,
    scope,
    rows: rowsOf(scope, (_, source) => SOURCES[source].compute(data, unit)),
    missing,
  });
  const hasReceiverRows = config.indicators.some((indicator) => scopeOf(indicator.source) === 'receiver');
  const all = [
    ...units.map((unit) => subject(unit, 'unit', missingData(data, unit))),
    ...(hasReceiverRows ? receivers.map((agency) => subject(agency, 'receiver', receiverMissing(data, agency))) : []),
  ];
  const county = rowsOf(null, (key, source) => total(all.filter((u) => u.scope === scopeOf(source)).map((u) => u.rows.find((r) => r.key === key)!.value)));
  return { year, asOf: data.asOf, units: all, county };
}
