import { FIGURE_KEYS, type FigureKey } from '../../store/enforcement-figures';
import { Refusal } from '../errors';

/** How officers name each figure, in the order of the table. */
export const FIGURE_LABELS: Record<FigureKey, string> = {
  casesClosed: '结案',
  penalties: '处罚',
  transfers: '移送',
  selfChecked: '自查',
  unexecuted: '未执行',
};

/** Figures a report must give; the self-inspection pair defaults to 0 (a month without one). */
export const REQUIRED_FIGURES: readonly FigureKey[] = ['casesClosed', 'penalties', 'transfers'];

export const REPORT_USAGE = '报送执法信息 [单位] [YYYY-MM] 结案<件数> 处罚<件数> 移送<件数> [自查<件数> 未执行<件数>]';

const BY_LABEL = new Map(FIGURE_KEYS.map((key) => [FIGURE_LABELS[key], key]));
const FIGURE = /^(结案|处罚|移送|自查|未执行)[:：]?(\d{1,6})件?$/;
const MONTH = /^(\d{4})-(\d{1,2})$/;

export interface FiguresInput {
  unit?: string;
  month?: string;
  figures: Record<FigureKey, number>;
}

/** `[unit] [YYYY-MM] 结案12 处罚8 移送1 [自查30 未执行2]`: each figure once, the first three required. */
export function parseFiguresArgs(args: string): FiguresInput {
  const figures: Partial<Record<FigureKey, number>> = {};
  const input: Omit<FiguresInput, 'figures'> = {};
  for (const token of args.trim().split(/\s+/).filter(Boolean)) {
    const figure = FIGURE.exec(token);
    const month = MONTH.exec(token);
    if (figure) {
      const key = BY_LABEL.get(figure[1]!)!;
      if (figures[key] !== undefined) throw new Refusal(`「${figure[1]}」填了两次，请只填一次。`);
      figures[key] = Number(figure[2]);
    } else if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) input.month = `${month[1]}-${month[2]!.padStart(2, '0')}`;
    else if (!input.unit && !input.month && !Object.keys(figures).length) input.unit = token;
    else throw new Refusal(`看不懂「${token}」。请按格式发送：${REPORT_USAGE}\n例如：报送执法信息 2026-11 结案12 处罚8 移送1 自查30 未执行2`);
  }
  const missing = REQUIRED_FIGURES.filter((key) => figures[key] === undefined);
  if (missing.length) throw new Refusal(`缺少${missing.map((key) => FIGURE_LABELS[key]).join('、')}。请按格式发送：${REPORT_USAGE}`);
  return { ...input, figures: { selfChecked: 0, unexecuted: 0, ...figures } as Record<FigureKey, number> };
}

export function describeFigures(figures: Record<FigureKey, number>): string {
  return FIGURE_KEYS.map((key) => `${FIGURE_LABELS[key]}${figures[key]}件`).join('，');
}
