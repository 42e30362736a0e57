import { readTableFile, type TableColumn, type TableRow } from '../imports/table-file';
import type { RecordInput } from './record-rules';

/**
 * The import file of 复议/诉讼 records (README "复议纠错与诉讼败诉"): a CSV or Excel table
 * (src/domain/imports/table-file.ts) with these columns; each row's meaning is checked by record-rules.
 */

/** Column → field, with the Chinese header each column may have instead. */
export const COLUMNS: readonly TableColumn<keyof RecordInput>[] = [
  { column: 'kind', chinese: '类型', field: 'kind', required: true },
  { column: 'case_number', chinese: '案号', field: 'caseNumber', required: true },
  { column: 'unit', chinese: '单位', field: 'unit', required: true },
  { column: 'decided_on', chinese: '决定日期', field: 'decidedOn', required: true },
  { column: 'act_type', chinese: '行为类型', field: 'actType', required: true },
  { column: 'outcome', chinese: '结果', field: 'outcome', required: true },
  { column: 'reason', chinese: '原因类别', field: 'reason', required: false },
];

export type ImportRow = TableRow<(typeof COLUMNS)[number]['field']>;

export function readReviewFile(name: string, content: Buffer): Promise<ImportRow[]> {
  return readTableFile(name, content, COLUMNS);
}
