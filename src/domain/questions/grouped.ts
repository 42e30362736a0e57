import type { EChartsCoreOption } from 'echarts';
import type { Answer, AnswerGroup } from './answer';
import { GROUPS, type QuestionSlots } from './question';

/** How many drill-down buttons a grouped answer offers (the largest figures first). */
export const DRILL_DOWNS = 3;

const UNITS_OF_MEASURE = { count: '件数', replyRate: '%', onTimeRate: '%', rectifyRate: '%', avgDays: '天' } as const;

/** The chart of a grouped answer: bars per unit, a line per month, the period and the measure in the title. */
export function groupedChartOption(slots: QuestionSlots, answer: Answer & { groups: AnswerGroup[] }, shortName: (code: string) => string): EChartsCoreOption {
  const byUnit = slots.group === 'unit';
  return {
    animation: false,
    backgroundColor: '#ffffff',
    title: { text: `${slots.period.from} 至 ${slots.period.to} ${answer.title}`, left: 'center', top: 12 },
    grid: { left: 60, right: 40, top: 72, bottom: byUnit ? 96 : 60 },
    xAxis: { type: 'category', data: answer.groups.map((g) => (byUnit ? shortName(g.key) : g.label)), axisLabel: { interval: 0, rotate: byUnit ? 30 : 0 } },
    yAxis: { type: 'value', name: UNITS_OF_MEASURE[slots.measure], ...(slots.measure === 'count' ? { minInterval: 1 } : {}) },
    series: [{ type: byUnit ? 'bar' : 'line', data: answer.groups.map((g) => g.value), label: { show: true, position: 'top' } }],
  };
}

/**
 * Buttons under a grouped answer: the same question for each of the largest groups (a unit named,
 * or the month as its period), then 导出 of the period when 导出 can name it.
 */
export function groupedButtons(slots: QuestionSlots, groups: readonly AnswerGroup[], shortName: (code: string) => string): string[] {
  const ungrouped = [...GROUPS.unit, ...GROUPS.month].sort((a, b) => b.length - a.length).reduce((t, w) => t.replaceAll(w, ''), slots.question);
  const top = [...groups].sort((a, b) => b.value - a.value).slice(0, DRILL_DOWNS);
  const drill = top.map((g) => {
    if (slots.group === 'unit') return `问 ${shortName(g.key)}${ungrouped}`;
    const month = `${g.key.slice(0, 4)}年${Number(g.key.slice(5, 7))}月`;
    return `问 ${slots.timeWords ? ungrouped.replace(slots.timeWords, month) : `${month}${ungrouped}`}`;
  });
  const exportable = /^\d{4}(-\d{2})?$/.test(slots.period.key) ? ` ${slots.period.key}` : '';
  return [...drill, `导出${exportable}`];
}
