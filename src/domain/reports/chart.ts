import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import { CLUE_ROUTES } from '../../config/routing';
import { TREND_SERIES, trendLegend, type TrendData } from './trend';

export const CHART_SIZE = { width: 960, height: 540 } as const;

export class ChartFontMissing extends Error {
  override name = 'ChartFontMissing';
}

/** The first configured CJK font file that exists; without one Chinese text would render as boxes. */
export function findFontFile(candidates: readonly string[]): string {
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new ChartFontMissing(`no CJK font found (config/reports.yaml chart.fontFiles: ${candidates.join(', ')}); install fonts-wqy-microhei`);
  return found;
}

/** ECharts option of the trends chart: bars of referrals per route, a line of overdue items. */
export function trendOption(data: TrendData, routeName: (route: string) => string): echarts.EChartsCoreOption {
  return {
    animation: false,
    backgroundColor: '#ffffff',
    title: { text: '近12个月线索移送与逾期事项', left: 'center', top: 12 },
    legend: { top: 48 },
    grid: { left: 60, right: 40, top: 96, bottom: 72 },
    graphic: [{ type: 'text', left: 'center', bottom: 12, style: { text: trendLegend(), fontSize: 12, fill: '#555' } }],
    xAxis: { type: 'category', data: data.months },
    yAxis: { type: 'value', minInterval: 1, name: '件数' },
    series: [
      ...CLUE_ROUTES.map((route) => ({ name: `移送${routeName(route)}`, type: 'bar', stack: 'clues', data: data.referrals[route] })),
      { name: TREND_SERIES.overdue.name, type: 'line', data: data.overdue, lineStyle: { width: 3 } },
      { name: TREND_SERIES.backlog.name, type: 'line', data: data.backlog, lineStyle: { width: 3, type: 'dashed' } },
    ],
  };
}

/** Renders the trends chart. */
export function renderTrendPng(data: TrendData, routeName: (route: string) => string, fontFile: string): Buffer {
  return renderChartPng(trendOption(data, routeName), fontFile);
}

/** Renders a chart server-side: ECharts SVG → PNG with resvg, the CJK font loaded explicitly. */
export function renderChartPng(option: echarts.EChartsCoreOption, fontFile: string): Buffer {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, ...CHART_SIZE });
  try {
    chart.setOption(option);
    // Only the one CJK font is loaded, so every family the SVG names falls back to it.
    const resvg = new Resvg(chart.renderToSVGString(), { background: '#ffffff', font: { fontFiles: [fontFile], loadSystemFonts: false } });
    return resvg.render().asPng();
  } finally {
    chart.dispose();
  }
}
