import type { ReviewOutcomesConfig } from '../../config/review-outcomes';
import type { ReviewOutcome } from '../../store/review-outcomes';
import type { ReportPeriod } from '../reports/period';
import { type KindFigures, percent, type UnitAnalysis } from './analysis';

type NameOf = (code: string) => string;

export function recordLine(record: ReviewOutcome, config: ReviewOutcomesConfig, nameOf: NameOf): string {
  const reason = record.reason ? `（${record.reason}）` : '';
  return `${config.kinds[record.kind].name} ${record.caseNumber}：${nameOf(record.unit)} ${record.actType}，${record.decidedOn} ${record.outcome}${reason}`;
}

function trend(current: KindFigures, previous: KindFigures): string {
  if (current.rate === null || previous.rate === null) return '';
  if (current.rate > previous.rate) return `↑（上期${percent(previous.rate)}）`;
  if (current.rate < previous.rate) return `↓（上期${percent(previous.rate)}）`;
  return '→（与上期持平）';
}

function kindLine(label: string, adverseWord: string, current: KindFigures, previous: KindFigures): string {
  return `  ${label}${current.cases}件，${adverseWord}${current.adverse}件，${adverseWord}率${percent(current.rate)}${trend(current, previous)}`;
}

export function analysisText(rows: readonly UnitAnalysis[], period: ReportPeriod, previous: ReportPeriod, nameOf: NameOf): string {
  if (!rows.length) return `${period.label}及${previous.label}没有复议、诉讼记录。请发送「登记复议诉讼」或用 review import 批量导入。`;
  const lines = [`【复议纠错与诉讼败诉分析】${period.label}（对比${previous.label}）`];
  for (const row of rows) {
    lines.push(`${row.flagged ? '⚠ ' : ''}${nameOf(row.unit)}`);
    lines.push(kindLine('复议', '纠错', row.current.reconsideration, row.previous.reconsideration));
    lines.push(kindLine('诉讼', '败诉', row.current.litigation, row.previous.litigation));
    if (row.topReasons.length) lines.push(`  主要原因：${row.topReasons.map((r) => `${r.reason}${r.count}件`).join('、')}`);
  }
  const flagged = rows.filter((r) => r.flagged);
  if (flagged.length) lines.push(`⚠ 纠错率或败诉率上升，建议列入下次联合巡查：${flagged.map((r) => nameOf(r.unit)).join('、')}`);
  return lines.join('\n');
}

/**
 * What a joint inspection registered now covers of the units 分析 flagged (rates rising this year);
 * empty when none is flagged.
 */
export function inspectionWatchNote(flagged: readonly string[], inspected: readonly string[], nameOf: NameOf): string {
  if (!flagged.length) return '';
  const covered = flagged.filter((unit) => inspected.includes(unit));
  const missing = flagged.filter((unit) => !inspected.includes(unit));
  const parts = [`⚠ 复议纠错率或诉讼败诉率今年上升的单位：${flagged.map(nameOf).join('、')}（发送「分析」查看）。`];
  if (covered.length) parts.push(`本次巡查已包含：${covered.map(nameOf).join('、')}。`);
  if (missing.length) parts.push(`尚未列入：${missing.map(nameOf).join('、')}，建议列入下次联合巡查。`);
  return parts.join('');
}
