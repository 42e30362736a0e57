import { FIGURE_KEYS, type FigureKey } from '../../store/enforcement-figures';
import { readTableFile, type TableColumn, type TableRow } from '../imports/table-file';
import { FIGURE_LABELS, REQUIRED_FIGURES } from './figures';

/**
 * The import file of monthly 执法信息 (README "执法信息通报"): a CSV or Excel table
 * (src/domain/imports/table-file.ts), one unit and month per row, the figures under the labels
 * officers use in chat; the self-inspection pair is optional like in `报送执法信息`.
 */

const snakeCase = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export const COLUMNS: readonly TableColumn<'unit' | 'month' | FigureKey>[] = [
  { column: 'unit', chinese: '单位', field: 'unit', required: true },
  { column: 'month', chinese: '月份', field: 'month', required: true },
  ...FIGURE_KEYS.map((key) => ({ column: snakeCase(key), chinese: FIGURE_LABELS[key], field: key, required: REQUIRED_FIGURES.includes(key) })),
];

export type FiguresRow = TableRow<(typeof COLUMNS)[number]['field']>;

export function readFiguresFile(name: string, content: Buffer): Promise<FiguresRow[]> {
  return readTableFile(name, content, COLUMNS);
}
