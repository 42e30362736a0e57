import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { reportsSchema } from '../../../../src/config/reports';
import { CHART_SIZE, ChartFontMissing, findFontFile, renderTrendPng, trendOption } from '../../../../src/domain/reports/chart';
import { lastTwelveMonths } from '../../../../src/domain/reports/trend';
import { parseLocalDate } from '../../../../src/kernel/time/local-date';
import { decodePng, nonWhitePixels } from '../../../support/png';

const config = reportsSchema.parse(parse(readFileSync('config/reports.yaml', 'utf8')));
const names: Record<string, string> = { jw: '纪委监委', jcy: '检察院', sfj: '司法局' };

describe('trends chart', () => {
  it('lists the last 12 months, the current one last', () => {
    expect(lastTwelveMonths(parseLocalDate('2026-02-15'))).toEqual([
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
  });

  it('renders a PNG of the configured size with content, including the title text', () => {
    const months = lastTwelveMonths(parseLocalDate('2026-11-26'));
    const png = renderTrendPng(
      {
        months,
        referrals: { jw: months.map(() => 1), jcy: months.map((_, i) => i % 3), sfj: months.map(() => 2) },
        overdue: months.map((_, i) => i % 4),
        backlog: months.map((_, i) => i),
      },
      (route) => names[route] ?? route,
      findFontFile(config.chart.fontFiles),
    );
    const image = decodePng(png);
    expect({ width: image.width, height: image.height }).toEqual(CHART_SIZE);
    expect(nonWhitePixels(image)).toBeGreaterThan(image.width * image.height * 0.05);
    const title = decodePng(png);
    title.pixels = title.pixels.subarray(0, image.width * 45 * 4);
    expect(nonWhitePixels(title)).toBeGreaterThan(300);
  });

  it('draws both overdue series with a legend that says which is which', () => {
    const months = lastTwelveMonths(parseLocalDate('2026-12-03'));
    const option = trendOption(
      {
        months,
        referrals: { jw: months.map(() => 0), jcy: months.map(() => 0), sfj: months.map(() => 0) },
        overdue: months.map(() => 0),
        backlog: months.map(() => 9),
      },
      (route) => route,
    ) as { series: { name: string; data: number[] }[]; graphic: { style: { text: string } }[] };
    expect(option.series.find((s) => s.name === '当月到期未按期办结')!.data.at(-1)).toBe(0);
    expect(option.series.find((s) => s.name === '月末逾期存量')!.data.at(-1)).toBe(9);
    expect(option.graphic[0]!.style.text).toContain('「月末逾期存量」= 该月末（本月为今天）已过期限仍未办结的全部事项');
  });

  it('says which font is missing instead of rendering boxes', () => {
    expect(() => findFontFile(['/nonexistent/font.ttc'])).toThrow(ChartFontMissing);
  });
});
