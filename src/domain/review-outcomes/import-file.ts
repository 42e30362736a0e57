import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { RecordInput } from './record-rules';

/**
 * The import file of 复议/诉讼 records (README "复议纠错与诉讼败诉"): CSV (UTF-8) or Excel (.xlsx,
 * first sheet), one record per row under a header naming the columns in English or Chinese.
 * Reading checks only the shape; each row's meaning is checked by record-rules.
 */

export interface ImportRow extends RecordInput {
  /** Where the row is: `line 3` (CSV) or `row 3` (Excel). */
  at: string;
}

export interface RowProblem {
  at: string;
  message: string;
}

export class ReviewImportError extends Error {
  override name = 'ReviewImportError';
  constructor(readonly problems: RowProblem[]) {
    super(problems.map((p) => `${p.at}: ${p.message}`).join('\n'));
  }
}

/** Column → field, with the Chinese header each column may have instead. */
export const COLUMNS: readonly { column: string; chinese: string; field: keyof RecordInput; required: boolean }[] = [
  { column: 'kind', chinese: '类型', field: 'kind', required: true },
  { column: 'case_number', chinese: '案号', field: 'caseNumber', required: true },
  { column: 'unit', chinese: '单位', field: 'unit', required: true },
  { column: 'decided_on', chinese: '决定日期', field: 'decidedOn', required: true },
  { column: 'act_type', chinese: '行为类型', field: 'actType', required: true },
  { column: 'outcome', chinese: '结果', field: 'outcome', required: true },
  { column: 'reason', chinese: '原因类别', field: 'reason', required: false },
];

const MAX_ROWS = 10_000;

/** Reads the file by its name's extension (.csv or .xlsx); every shape problem is reported at once. */
export async function readReviewFile(name: string, content: Buffer): Promise<ImportRow[]> {
  if (/\.csv$/i.test(name)) return rowsOf(csvTable(content));
  if (/\.xlsx$/i.test(name)) return rowsOf(await excelTable(content));
  throw new ReviewImportError([{ at: name, message: 'the file name must end in .csv or .xlsx' }]);
}

/** The cells of each row, and where the row is in the file. */
type Table = { at: string; cells: string[] }[];

function csvTable(content: Buffer): Table {
  try {
    const options = { skip_empty_lines: true, trim: true, relax_column_count: true, info: true };
    const records = parse(content.toString('utf8').replace(/^\uFEFF/, ''), options) as unknown as { record: string[]; info: { lines: number } }[];
    return records.map(({ record, info }) => ({ at: `line ${info.lines}`, cells: record }));
  } catch (err) {
    throw new ReviewImportError([{ at: 'file', message: `CSV could not be read: ${(err as Error).message.split('\n')[0]}` }]);
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  // Excel stores a date cell as a UTC midnight.
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
  }
  return String(value).trim();
}

async function excelTable(content: Buffer): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw new ReviewImportError([{ at: 'file', message: 'not a readable .xlsx workbook' }]);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ReviewImportError([{ at: 'file', message: 'the workbook has no sheet' }]);
  const table: Table = [];
  sheet.eachRow((row, number) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    table.push({ at: `row ${number}`, cells: values.map((v) => cellText(v as ExcelJS.CellValue)) });
  });
  return table;
}

function rowsOf(table: Table): ImportRow[] {
  const [first, ...lines] = table;
  const header = first?.cells ?? [];
  const fields = header.map((title) => COLUMNS.find((c) => c.column === title.trim() || c.chinese === title.trim()));
  const missing = COLUMNS.filter((c) => c.required && !fields.includes(c));
  const unknown = header.filter((_, i) => !fields[i]);
  if (missing.length || unknown.length) {
    const expected = COLUMNS.map((c) => `${c.column}(${c.chinese})`).join(',');
    throw new ReviewImportError([{ at: first?.at ?? 'file', message: `header must name the columns ${expected}; reason is optional` }]);
  }
  if (lines.length > MAX_ROWS) throw new ReviewImportError([{ at: 'file', message: `more than ${MAX_ROWS} rows` }]);
  const rows: ImportRow[] = [];
  const problems: RowProblem[] = [];
  for (const { at, cells } of lines) {
    if (cells.every((cell) => !cell.trim())) continue;
    if (cells.slice(header.length).some((cell) => cell.trim())) {
      problems.push({ at, message: `expected at most ${header.length} columns, found ${cells.length}` });
      continue;
    }
    const row: ImportRow = { at, kind: '', caseNumber: '', unit: '', decidedOn: '', actType: '', outcome: '' };
    header.forEach((_, i) => {
      row[fields[i]!.field] = (cells[i] ?? '').trim();
    });
    rows.push(row);
  }
  if (problems.length) throw new ReviewImportError(problems);
  return rows;
}
