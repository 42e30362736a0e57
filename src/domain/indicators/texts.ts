import type { LocalDate } from '../../kernel/time/local-date';
import { chineseDate } from '../reports/period';
import type { SheetSpec } from '../reports/workbook';
import type { AnnualIndicators, IndicatorRow, UnitIndicators } from './annual';
import { display } from './sources';

type NameOf = (code: string) => string;

const lines = (rows: IndicatorRow[]) => rows.map((r) => `  ${r.name}：${display(r.value)}`);

/**
 * 年度指标: one unit in full with what it still lacks; or, read on a phone, the county totals first
 * and one short line per unit (what it still lacks), its figures one command away.
 */
export function indicatorsText(report: AnnualIndicators, nameOf: NameOf, unit?: string): string {
  const head = `【法治政府年度指标】${report.year}年（统计至${report.asOf}）`;
  if (unit) {
    const mine = report.units.find((u) => u.unit === unit)!;
    return [head, nameOf(unit), ...lines(mine.rows), mine.missing.length ? `待补充：${mine.missing.join('；')}` : '数据已齐全。'].join('\n');
  }
  const state = (u: UnitIndicators) => `  ${nameOf(u.unit)}：${u.missing.length ? `待补充${u.missing.length}项` : '数据齐全'}`;
  const receivers = report.units.filter((u) => u.scope === 'receiver');
  return [
    head,
    '全县（各单位合计）',
    ...lines(report.county),
    '各单位：',
    ...report.units.filter((u) => u.scope === 'unit').map(state),
    ...(receivers.length ? ['线索接收机关：', ...receivers.map(state)] : []),
    `发送「年度指标 ${report.year} <单位>」查看单位的各项指标和待补充数据，「导出年度指标 ${report.year}」下载工作簿（各单位全部指标）和报告草稿。`,
  ].join('\n');
}

/** A cell of the summary for an indicator not counted for this unit or agency (see its definition). */
const NOT_COUNTED = '不适用';

/**
 * One sheet per unit and receiving agency (indicator, value, numerator, denominator, definition) and
 * the county summary first.
 */
export function indicatorSheets(report: AnnualIndicators, sheetName: NameOf, nameOf: NameOf): SheetSpec[] {
  const columns = [
    { header: '指标', key: 'name', width: 30 },
    { header: '数值', key: 'value', width: 20 },
    { header: '分子', key: 'numerator', width: 8 },
    { header: '分母', key: 'denominator', width: 8 },
    { header: '定义', key: 'definition', width: 80 },
  ];
  const rowsOf = (rows: IndicatorRow[]) =>
    rows.map((r) => ({
      name: r.name,
      value: display(r.value),
      numerator: r.value.kind === 'rate' ? r.value.numerator : r.value.value,
      denominator: r.value.kind === 'rate' ? r.value.denominator : '',
      definition: r.definition,
    }));
  const summary: SheetSpec = {
    name: '全县汇总',
    columns: [
      { header: '单位', key: 'unit', width: 24 },
      ...report.county.map((r) => ({ header: r.name, key: r.key, width: 18 })),
      { header: '待补充数据', key: 'missing', width: 60 },
    ],
    rows: [
      ...report.units.map((u) => ({
        unit: nameOf(u.unit),
        ...Object.fromEntries(report.county.map((c) => [c.key, NOT_COUNTED])),
        ...Object.fromEntries(u.rows.map((r) => [r.key, display(r.value)])),
        missing: u.missing.join('；'),
      })),
      { unit: '各单位合计', ...Object.fromEntries(report.county.map((r) => [r.key, display(r.value)])), missing: '' },
    ],
  };
  return [summary, ...report.units.map((u) => ({ name: sheetName(u.unit).slice(0, 31), columns, rows: rowsOf(u.rows) }))];
}

/** The February reminder: the report due date and each unit's missing data. */
export function missingText(report: AnnualIndicators, due: LocalDate, nameOf: NameOf): string {
  const missing = report.units.filter((u) => u.missing.length);
  return [
    `【年度指标提醒】${report.year}年度法治政府指标报告须于${chineseDate(due)}前报送。`,
    ...(missing.length ? ['以下数据尚未录入：', ...missing.map((u) => `• ${nameOf(u.unit)}：${u.missing.join('；')}`)] : ['各单位数据已齐全。']),
    `发送「导出年度指标 ${report.year}」生成工作簿和报告草稿。`,
  ].join('\n');
}
