import type * as echarts from 'echarts';
import type { ReportPeriod } from '../reports/period';
import type { UnitAnalysis } from './analysis';

const pct = (rate: number | null) => (rate === null ? 0 : Math.round(rate * 1000) / 10);

/** Bars per unit: correction and loss rates of the period and of the one before. */
export function rateChartOption(
  rows: readonly UnitAnalysis[],
  period: ReportPeriod,
  previous: ReportPeriod,
  nameOf: (code: string) => string,
): echarts.EChartsCoreOption {
  const series = (name: string, pick: (row: UnitAnalysis) => number | null) => ({ name, type: 'bar', data: rows.map((row) => pct(pick(row))) });
  return {
    animation: false,
    backgroundColor: '#ffffff',
    title: { text: `复议纠错率与诉讼败诉率（${period.label}）`, left: 'center', top: 12 },
    legend: { top: 48 },
    grid: { left: 60, right: 40, top: 96, bottom: 64 },
    xAxis: { type: 'category', data: rows.map((row) => nameOf(row.unit)), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', name: '%', max: 100 },
    series: [
      series(`复议纠错率 ${previous.label}`, (row) => row.previous.reconsideration.rate),
      series(`复议纠错率 ${period.label}`, (row) => row.current.reconsideration.rate),
      series(`诉讼败诉率 ${previous.label}`, (row) => row.previous.litigation.rate),
      series(`诉讼败诉率 ${period.label}`, (row) => row.current.litigation.rate),
    ],
  };
}
