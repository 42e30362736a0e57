import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/**
 * An import file read as a table: CSV (UTF-8) or Excel (.xlsx, first sheet), one record per row under
 * a header naming the columns in English or Chinese. Reading checks only the shape (header, column
 * count, size); each register checks its rows' meaning and reports problems at the same places.
 */

export interface RowProblem {
  /** Where the row is: `line 3` (CSV) or `row 3` (Excel), or `file`. */
  at: string;
  message: string;
}

/** A file refused as a whole, with every problem found; nothing of it is written. */
export class TableImportError extends Error {
  override name = 'TableImportError';
  constructor(readonly problems: RowProblem[]) {
    super(problems.map((p) => `${p.at}: ${p.message}`).join('\n'));
  }
}

export interface TableColumn<F extends string> {
  column: string;
  chinese: string;
  field: F;
  required: boolean;
}

/** A row's cells by field (absent optional columns are ''), and where the row is. */
export type TableRow<F extends string> = Record<F, string> & { at: string };

const MAX_ROWS = 10_000;

/** Reads the file by its name's extension (.csv or .xlsx); every shape problem is reported at once. */
export async function readTableFile<F extends string>(name: string, content: Buffer, columns: readonly TableColumn<F>[]): Promise<TableRow<F>[]> {
  if (/\.csv$/i.test(name)) return rowsOf(csvTable(content), columns);
  if (/\.xlsx$/i.test(name)) return rowsOf(await excelTable(content), columns);
  throw new TableImportError([{ at: name, message: 'the file name must end in .csv or .xlsx' }]);
}

/** The cells of each row, and where the row is in the file. */
type Table = { at: string; cells: string[] }[];

function csvTable(content: Buffer): Table {
  try {
    const options = { skip_empty_lines: true, trim: true, relax_column_count: true, info: true };
    const records = parse(content.toString('utf8').replace(/^\uFEFF/, ''), options) as unknown as { record: string[]; info: { lines: number } }[];
    return records.map(({ record, info }) => ({ at: `line ${info.lines}`, cells: record }));
  } catch (err) {
    throw new TableImportError([{ at: 'file', message: `CSV could not be read: ${(err as Error).message.split('\n')[0]}` }]);
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
    throw new TableImportError([{ at: 'file', message: 'not a readable .xlsx workbook' }]);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new TableImportError([{ at: 'file', message: 'the workbook has no sheet' }]);
  const table: Table = [];
  sheet.eachRow((row, number) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    table.push({ at: `row ${number}`, cells: values.map((v) => cellText(v as ExcelJS.CellValue)) });
  });
  return table;
}

function rowsOf<F extends string>(table: Table, columns: readonly TableColumn<F>[]): TableRow<F>[] {
  const [first, ...lines] = table;
  const header = first?.cells ?? [];
  const fields = header.map((title) => columns.find((c) => c.column === title.trim() || c.chinese === title.trim()));
  const missing = columns.filter((c) => c.required && !fields.includes(c));
  const unknown = header.filter((_, i) => !fields[i]);
  if (missing.length || unknown.length) {
    const expected = columns.map((c) => `${c.column}(${c.chinese})`).join(',');
    const optional = columns.filter((c) => !c.required).map((c) => c.column);
    const note = optional.length ? `; ${optional.join(', ')} ${optional.length > 1 ? 'are' : 'is'} optional` : '';
    throw new TableImportError([{ at: first?.at ?? 'file', message: `header must name the columns ${expected}${note}` }]);
  }
  if (lines.length > MAX_ROWS) throw new TableImportError([{ at: 'file', message: `more than ${MAX_ROWS} rows` }]);
  const rows: TableRow<F>[] = [];
  const problems: RowProblem[] = [];
  for (const { at, cells } of lines) {
    if (cells.every((cell) => !cell.trim())) continue;
    if (cells.slice(header.length).some((cell) => cell.trim())) {
      problems.push({ at, message: `expected at most ${header.length} columns, found ${cells.length}` });
      continue;
    }
    const row = { at, ...Object.fromEntries(columns.map((c) => [c.field, ''])) } as TableRow<F>;
    header.forEach((_, i) => {
      (row as Record<string, string>)[fields[i]!.field] = (cells[i] ?? '').trim();
    });
    rows.push(row);
  }
  if (problems.length) throw new TableImportError(problems);
  return rows;
}
